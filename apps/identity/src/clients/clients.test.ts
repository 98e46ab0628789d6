import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema } from '../database/schema.ts'
import { ClientRegistrationError, findClientSettings, registerClient, registrationProblems, type NewClient } from './clients.ts'
import { clientSecretMatches } from './secrets.ts'
import { DEMO_CLIENTS, seedDemoClients } from './demo-clients.ts'

const signInClient: NewClient = { name: 'Register for an NPQ', redirectUris: ['https://npq.example/auth/callback'], scopes: ['openid', 'email', 'trn'], grantTypes: ['authorization_code'] }
const problemsOf = (client: Partial<NewClient>, requireHttps = false) => registrationProblems({ ...signInClient, ...client }, { requireHttps })

describe('registering clients', () => {
  let database: TestDatabase<IdentitySchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
  })
  after(() => database.drop())

  it('gives a readable client id and a secret shown once, and records who added it', async () => {
    const { clientId, clientSecret } = await registerClient(database.db, clock, { ...signInClient, trnRequirement: 'required', raiseTrnSupportTickets: true }, { actor: 'cli', requireHttps: true })
    assert.match(clientId, /^register-for-an-npq-[0-9a-f]{6}$/)
    const row = await database.db.selectFrom('clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow()
    assert.ok(clientSecretMatches(clientSecret, row.secret_hash))
    assert.ok(!clientSecretMatches(`${clientSecret}!`, row.secret_hash))
    assert.deepEqual(await findClientSettings(database.db, clientId), {
      clientId,
      name: 'Register for an NPQ',
      trnRequirement: 'required',
      trnMatchPolicy: 'default',
      raiseTrnSupportTickets: true,
      blockProhibitedTeachers: false,
    })
    const event = await database.db.selectFrom('events').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow()
    assert.equal(event.event_type, 'client_added')
    assert.equal(event.actor, 'cli')
    assert.ok(!JSON.stringify(event.details).includes(clientSecret as string))
  })

  it('refuses a client id already taken', async () => {
    await registerClient(database.db, clock, { ...signInClient, clientId: 'taken-id' }, { actor: 'cli', requireHttps: false })
    await assert.rejects(registerClient(database.db, clock, { ...signInClient, clientId: 'taken-id' }, { actor: 'cli', requireHttps: false }), ClientRegistrationError)
  })

  it('names every problem with a registration', () => {
    assert.deepEqual(problemsOf({}), [])
    assert.match(problemsOf({ redirectUris: [] }).join(), /at least one redirect URI/)
    assert.match(problemsOf({ scopes: ['email'] }).join(), /needs the openid scope/)
    assert.match(problemsOf({ scopes: ['openid', 'everything'] }).join(), /unknown scope "everything"/)
    assert.match(problemsOf({ grantTypes: ['implicit' as never] }).join(), /unknown grant type "implicit"/)
    assert.match(problemsOf({ redirectUris: ['https://npq.example/cb#fragment'] }).join(), /must not have a fragment/)
    assert.match(problemsOf({ redirectUris: ['javascript:alert(1)'] }).join(), /absolute http\(s\) URL/)
    assert.match(problemsOf({ redirectUris: ['http://npq.example/cb'] }, true).join(), /must use https in production/)
    assert.match(problemsOf({ scopes: ['openid', 'offline_access'] }).join(), /offline_access scope needs the refresh_token grant/)
    assert.match(problemsOf({ scopes: ['openid', 'user:read'] }).join(), /API scopes need the client_credentials grant/)
    assert.match(problemsOf({ scopes: ['openid'], trnRequirement: 'required' }).join(), /requires a TRN needs the trn scope/)
    assert.match(problemsOf({ authMethod: 'private_key_jwt' }).join(), /needs the client's public keys/)
    assert.match(problemsOf({ jwksUri: 'https://npq.example/jwks' }).join(), /only for clients authenticating with private_key_jwt/)
    assert.match(problemsOf({ grantTypes: ['client_credentials'] }).join(), /redirect URIs are only for clients with the authorization_code grant/)
    assert.deepEqual(problemsOf({ grantTypes: ['client_credentials'], redirectUris: [], scopes: ['user:read'] }), [])
  })

  it('seeds the demo clients once, with their published development secrets', async () => {
    assert.deepEqual(await seedDemoClients(database.db, clock), ['register-for-an-npq', 'demo'])
    assert.deepEqual(await seedDemoClients(database.db, clock), [])
    const npq = await database.db.selectFrom('clients').selectAll().where('client_id', '=', 'register-for-an-npq').executeTakeFirstOrThrow()
    assert.deepEqual(npq.redirect_uris, ['http://localhost:3002/auth/callback'])
    assert.ok(clientSecretMatches(DEMO_CLIENTS[0]?.secret, npq.secret_hash))
  })

  it('lets the demo client sign in to the /demo page of wherever the service runs, even when it was seeded before', async () => {
    assert.deepEqual(await seedDemoClients(database.db, clock, { issuer: 'http://localhost:3999' }), [])
    const demo = await database.db.selectFrom('clients').selectAll().where('client_id', '=', 'demo').executeTakeFirstOrThrow()
    assert.deepEqual(demo.redirect_uris, ['http://localhost:8400/callback', 'http://localhost:3999/demo/callback'])
    assert.deepEqual(demo.post_logout_redirect_uris, ['http://localhost:8400/', 'http://localhost:3999/demo'])
  })
})
