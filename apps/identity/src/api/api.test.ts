import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import express from 'express'
import { importJWK, SignJWT } from 'jose'
import type { Kysely } from 'kysely'
import * as oidc from 'openid-client'
import supertest from 'supertest'
import { fixedClock, systemClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import type { UserRow } from '../database/schema.ts'
import { configuredKeyRing } from '../signing-keys/key-ring.ts'
import { generateSigningKey, type PrivateJwk } from '../signing-keys/keys.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'
import type { WebhookSchema } from '../webhooks/schema.ts'
import { createSubscription } from '../webhooks/subscriptions.ts'
import { identityApiRouter } from './router.ts'

const signingKey = generateSigningKey()

describe('the identity API for client services', () => {
  let identity: TestIdentity
  let readToken: string
  let writeToken: string
  let api: ReturnType<typeof supertest>
  let clientId: string

  const apiFor = (clock: Clock) => {
    const app = express()
    app.use(
      '/api',
      identityApiRouter({ db: identity.database.db, clock, logger: createLogger({ name: 'api-test', level: 'silent' }), issuer: identity.issuer, keys: configuredKeyRing([signingKey]) }),
    )
    return supertest(app)
  }

  /** A token the provider never issued: signed by `key`, with the claims given. */
  const handMadeToken = async (key: PrivateJwk, claims: Record<string, unknown>, expiresAt = Math.floor(Date.now() / 1000) + 300) =>
    new SignJWT({ client_id: clientId, scope: 'user:read user:write', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(identity.issuer)
      .setIssuedAt(expiresAt - 600)
      .setExpirationTime(expiresAt)
      .sign(await importJWK(key as Parameters<typeof importJWK>[0], 'RS256'))

  before(async () => {
    identity = await startTestIdentity({ signingKeys: [signingKey] })
    const client = await identity.registerClient({ grantTypes: ['client_credentials'], scopes: ['user:read', 'user:write'] })
    clientId = client.clientId
    const rp = await identity.relyingParty(client)
    readToken = (await oidc.clientCredentialsGrant(rp, { scope: 'user:read' })).access_token
    writeToken = (await oidc.clientCredentialsGrant(rp, { scope: 'user:write' })).access_token
    api = apiFor(systemClock)
    await createSubscription(identity.database.db as never, systemClock, { endpoint: 'https://client.example/hooks', messageTypes: ['UserUpdated'] }, { actor: 'test', requireHttps: false })
  })
  after(() => identity.close())

  const db = () => identity.database.db
  const webhookDb = () => identity.database.db as unknown as Kysely<WebhookSchema>
  const userUpdatedMessages = async (sub: string) =>
    (await webhookDb().selectFrom('webhook_notifications').select('body').where('message_type', '=', 'UserUpdated').execute())
      .map((row) => JSON.parse(row.body) as { message: { user: { userId: string }; changes: Record<string, unknown> } })
      .filter((envelope) => envelope.message.user.userId === sub)
  const eventsOf = (sub: string) => db().selectFrom('events').selectAll().where('user_sub', '=', sub).orderBy('id').execute()
  const reload = (user: UserRow) => db().selectFrom('users').selectAll().where('sub', '=', user.sub).executeTakeFirstOrThrow()

  describe('authorisation', () => {
    let user: UserRow
    beforeEach(async () => {
      user = await identity.createUser()
    })

    it('asks for a bearer token when none is sent', async () => {
      const response = await api.get(`/api/v1/users/${user.sub}`).expect(401)
      assert.match(String(response.headers['www-authenticate']), /^Bearer/)
      assert.equal(response.body.error.code, 'unauthorized')
    })

    it('refuses a token signed with a key that is not the provider\'s', async () => {
      const forged = await handMadeToken(generateSigningKey(), { aud: `${identity.issuer}/api` })
      const response = await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${forged}`).expect(401)
      assert.match(String(response.headers['www-authenticate']), /^Bearer .*error="invalid_token"/)
      assert.equal(response.body.error.code, 'invalid_token')
    })

    it('refuses a token for another audience, and one altered after signing', async () => {
      const elsewhere = await handMadeToken(signingKey, { aud: 'https://elsewhere.example/api' })
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${elsewhere}`).expect(401)
      const [header, , signature] = readToken.split('.')
      const payload = Buffer.from(JSON.stringify({ client_id: clientId, scope: 'user:write', aud: `${identity.issuer}/api`, iss: identity.issuer, exp: 9999999999 })).toString('base64url')
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${header}.${payload}.${signature}`).expect(401)
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', 'Bearer not-a-jwt').expect(401)
    })

    it('accepts a well-made token from the provider\'s own key, and refuses it once expired', async () => {
      const valid = await handMadeToken(signingKey, { aud: `${identity.issuer}/api` })
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${valid}`).expect(200)
      const expired = await handMadeToken(signingKey, { aud: `${identity.issuer}/api` }, Math.floor(Date.now() / 1000) - 60)
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${expired}`).expect(401)
      // The provider's own token, presented after it expires.
      const later = apiFor(fixedClock(new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString()))
      await later.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${readToken}`).expect(401)
    })

    it('needs user:write to change anything, and changes nothing without it', async () => {
      const put = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${readToken}`).send({ trn: '1234500' }).expect(403)
      assert.equal(put.body.error.code, 'insufficient_scope')
      assert.match(String(put.headers['www-authenticate']), /insufficient_scope/)
      await api.patch(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${readToken}`).send({ firstName: 'Changed' }).expect(403)
      const unchanged = await reload(user)
      assert.equal(unchanged.trn, null)
      assert.equal(unchanged.given_name, 'Sarah')
    })

    it('lets user:write read too, and a token with no API scope read nothing', async () => {
      await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${writeToken}`).expect(200)
      const scopeless = await handMadeToken(signingKey, { aud: `${identity.issuer}/api`, scope: 'openid' })
      const response = await api.get('/api/v1/users').set('Authorization', `Bearer ${scopeless}`).expect(403)
      assert.equal(response.body.error.code, 'insufficient_scope')
    })
  })

  describe('GET /api/v1/users/{userId}', () => {
    it('returns the user', async () => {
      const user = await identity.createUser({ trn: '2000001', trn_lookup_status: 'Found', trn_verification_level: 'low' })
      const response = await api.get(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${readToken}`).expect(200)
      assert.equal(response.body.userId, user.sub)
      assert.equal(response.body.email, user.email)
      assert.equal(response.body.firstName, 'Sarah')
      assert.equal(response.body.lastName, 'Thompson')
      assert.equal(response.body.dateOfBirth, '1986-04-12')
      assert.equal(response.body.trn, '2000001')
      assert.equal(response.body.trnLookupStatus, 'Found')
      assert.ok(!Number.isNaN(Date.parse(response.body.created)))
      assert.equal(response.body.registeredWithClientId, null)
      assert.deepEqual(response.body.mergedUserIds, [])
    })

    it('answers 404 with a stable code for an unknown id, or one that is not an id', async () => {
      for (const id of ['0b0e7a3c-6f5e-4d55-9f5e-1d2c3b4a5f60', 'nobody']) {
        const response = await api.get(`/api/v1/users/${id}`).set('Authorization', `Bearer ${readToken}`).expect(404)
        assert.equal(response.body.error.code, 'user_not_found')
      }
    })

    it('answers an unknown API path with JSON 404', async () => {
      const response = await api.get('/api/v1/nothing-here').set('Authorization', `Bearer ${readToken}`).expect(404)
      assert.equal(response.body.error.code, 'not_found')
    })
  })

  describe('GET /api/v1/users', () => {
    before(async () => {
      await identity.createUser({ given_name: 'Zed', family_name: 'Aardvark', trn_lookup_status: 'Failed' })
      await identity.createUser({ given_name: 'Amy', family_name: 'Aardvark', trn_lookup_status: 'Pending' })
      await identity.createUser({ given_name: 'Bob', family_name: 'Abbott', trn_lookup_status: 'Pending' })
    })

    it('filters by lookup status, orders by last then first name, and pages', async () => {
      const all = await api.get('/api/v1/users?trnLookupStatus=Pending,Failed').set('Authorization', `Bearer ${readToken}`).expect(200)
      const expected = await db().selectFrom('users').select('sub').where('trn_lookup_status', 'in', ['Pending', 'Failed']).execute()
      assert.equal(all.body.total, expected.length)
      assert.deepEqual(all.body.users.slice(0, 3).map((user: { firstName: string }) => user.firstName), ['Amy', 'Zed', 'Bob'])
      assert.ok(all.body.users.every((user: { trnLookupStatus: string }) => ['Pending', 'Failed'].includes(user.trnLookupStatus)))

      const second = await api.get('/api/v1/users?trnLookupStatus=Pending,Failed&pageSize=1&pageNumber=2').set('Authorization', `Bearer ${readToken}`).expect(200)
      assert.equal(second.body.total, expected.length)
      assert.deepEqual(second.body.users.map((user: { firstName: string }) => user.firstName), ['Zed'])
    })

    it('pages 25 at a time by default and counts every user without a filter', async () => {
      const response = await api.get('/api/v1/users').set('Authorization', `Bearer ${readToken}`).expect(200)
      const count = await db().selectFrom('users').select((select) => select.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      assert.equal(response.body.total, Number(count.n))
      assert.equal(response.body.users.length, Math.min(25, Number(count.n)))
    })

    it('refuses bad paging or an unknown status with 400 and a stable code', async () => {
      for (const [query, field, code] of [
        ['pageSize=0', 'pageSize', 'invalid'],
        ['pageSize=101', 'pageSize', 'invalid'],
        ['pageNumber=abc', 'pageNumber', 'invalid'],
        ['trnLookupStatus=Lost', 'trnLookupStatus', 'invalid_status'],
        ['colour=blue', 'colour', 'unknown_field'],
      ] as const) {
        const response = await api.get(`/api/v1/users?${query}`).set('Authorization', `Bearer ${readToken}`).expect(400)
        assert.equal(response.body.error.code, 'validation_failed', query)
        assert.equal(response.body.error.errors[0].field, field, query)
        if (code !== 'invalid') assert.equal(response.body.error.errors[0].code, code, query)
      }
    })
  })

  describe('accounts merged into another (from the support console)', () => {
    it('lists them on the kept user, answers 404 user_merged naming the kept id for them, and leaves them out of lists', async () => {
      const kept = await identity.createUser({ given_name: 'Merle', family_name: 'Aaronson', trn_lookup_status: 'Pending' })
      const merged = await identity.createUser({ given_name: 'Merle', family_name: 'Aaronson', trn_lookup_status: 'Pending' })
      await db().updateTable('users').set({ merged_into: kept.sub, merged_at: new Date() }).where('sub', '=', merged.sub).execute()

      const keptResponse = await api.get(`/api/v1/users/${kept.sub}`).set('Authorization', `Bearer ${readToken}`).expect(200)
      assert.deepEqual(keptResponse.body.mergedUserIds, [merged.sub])
      const gone = await api.get(`/api/v1/users/${merged.sub}`).set('Authorization', `Bearer ${readToken}`).expect(404)
      assert.equal(gone.body.error.code, 'user_merged')
      assert.match(gone.body.error.message, new RegExp(`merged into user ${kept.sub}`))
      const listed = await api.get('/api/v1/users?trnLookupStatus=Pending&pageSize=100').set('Authorization', `Bearer ${readToken}`).expect(200)
      const ids = listed.body.users.map((user: { userId: string }) => user.userId)
      assert.ok(ids.includes(kept.sub) && !ids.includes(merged.sub))

      const trn = await api.put(`/api/v1/users/${merged.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn: '2000099' }).expect(404)
      assert.equal(trn.body.error.code, 'user_merged')
      const patch = await api.patch(`/api/v1/users/${merged.sub}`).set('Authorization', `Bearer ${writeToken}`).send({ firstName: 'Merl' }).expect(404)
      assert.equal(patch.body.error.code, 'user_merged')
      assert.deepEqual(await reload(merged), { ...merged, merged_into: kept.sub, merged_at: (await reload(merged)).merged_at })
    })
  })

  describe('PUT /api/v1/users/{userId}/trn', () => {
    it('sets the TRN (status Found), records the event and tells subscribers', async () => {
      const user = await identity.createUser({ trn_lookup_status: 'Pending' })
      const response = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn: '3000001' }).expect(200)
      assert.equal(response.body.trn, '3000001')
      assert.equal(response.body.trnLookupStatus, 'Found')
      const stored = await reload(user)
      assert.equal(stored.trn, '3000001')
      const [event] = await eventsOf(user.sub)
      assert.equal(event?.event_type, 'user_trn_assigned')
      assert.equal(event?.actor, `client:${clientId}`)
      const [message] = await userUpdatedMessages(user.sub)
      assert.deepEqual(message?.message.changes, { trn: '3000001', trnLookupStatus: 'Found' })

      // The same again changes nothing and tells no one.
      await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn: '3000001' }).expect(200)
      assert.equal((await eventsOf(user.sub)).length, 1)
      assert.equal((await userUpdatedMessages(user.sub)).length, 1)
    })

    it('records a failed lookup for null', async () => {
      const user = await identity.createUser({ trn_lookup_status: 'Pending' })
      const response = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn: null }).expect(200)
      assert.equal(response.body.trnLookupStatus, 'Failed')
      assert.equal((await reload(user)).trn_lookup_status, 'Failed')
      assert.deepEqual((await userUpdatedMessages(user.sub))[0]?.message.changes, { trnLookupStatus: 'Failed' })
    })

    it('refuses a TRN another user has, or a second TRN, with 409 and changes nothing', async () => {
      await identity.createUser({ trn: '3000002', trn_lookup_status: 'Found', trn_verification_level: 'low' })
      const user = await identity.createUser({ trn_lookup_status: 'Pending' })
      const taken = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn: '3000002' }).expect(409)
      assert.equal(taken.body.error.code, 'trn_assigned_to_another_user')
      assert.equal((await reload(user)).trn, null)

      const linked = await identity.createUser({ trn: '3000003', trn_lookup_status: 'Found', trn_verification_level: 'low' })
      for (const trn of ['3000004', null]) {
        const second = await api.put(`/api/v1/users/${linked.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send({ trn }).expect(409)
        assert.equal(second.body.error.code, 'user_already_has_trn')
      }
      assert.equal((await reload(linked)).trn, '3000003')
      assert.equal((await eventsOf(user.sub)).length + (await eventsOf(linked.sub)).length, 0)
    })

    it('refuses bad input with 400 and a stable code, and answers 404 for an unknown user', async () => {
      const user = await identity.createUser({ trn_lookup_status: 'Pending' })
      for (const [body, code] of [
        [{ trn: '123456' }, 'invalid_trn'],
        [{ trn: '12345678' }, 'invalid_trn'],
        [{ trn: 'abcdefg' }, 'invalid_trn'],
        [{ trn: 1234567 }, 'wrong_type'],
        [{}, 'required'],
        [{ trn: '1234567', extra: true }, 'unknown_field'],
      ] as const) {
        const response = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).send(body).expect(400)
        assert.equal(response.body.error.code, 'validation_failed', JSON.stringify(body))
        assert.equal(response.body.error.errors[0].code, code, JSON.stringify(body))
      }
      const malformed = await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).set('Content-Type', 'application/json').send('{"trn":').expect(400)
      assert.equal(malformed.body.error.code, 'malformed_json')
      await api.put(`/api/v1/users/${user.sub}/trn`).set('Authorization', `Bearer ${writeToken}`).type('form').send('trn=1234567').expect(415)
      assert.equal((await reload(user)).trn, null)
      assert.equal((await eventsOf(user.sub)).length, 0)

      const missing = await api.put('/api/v1/users/0b0e7a3c-6f5e-4d55-9f5e-1d2c3b4a5f60/trn').set('Authorization', `Bearer ${writeToken}`).send({ trn: '3000009' }).expect(404)
      assert.equal(missing.body.error.code, 'user_not_found')
    })
  })

  describe('PATCH /api/v1/users/{userId}', () => {
    it('changes only the properties sent, records the event and tells subscribers', async () => {
      const user = await identity.createUser()
      const response = await api.patch(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${writeToken}`).send({ lastName: 'Okafor', middleName: null }).expect(200)
      assert.equal(response.body.lastName, 'Okafor')
      assert.equal(response.body.middleName, null)
      assert.equal(response.body.firstName, 'Sarah')
      const stored = await reload(user)
      assert.equal(stored.family_name, 'Okafor')
      assert.equal(stored.email, user.email)
      const [event] = await eventsOf(user.sub)
      assert.equal(event?.event_type, 'user_details_corrected')
      assert.deepEqual((event?.details as { after: unknown }).after, { middleName: null, lastName: 'Okafor' })
      assert.deepEqual((await userUpdatedMessages(user.sub))[0]?.message.changes, { middleName: null, lastName: 'Okafor' })
    })

    it('changes the email address, but not to one another user has', async () => {
      const user = await identity.createUser()
      const other = await identity.createUser()
      const newEmail = `new.${Date.now()}@school.example`
      await api.patch(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${writeToken}`).send({ email: newEmail }).expect(200)
      assert.equal((await reload(user)).email, newEmail)
      const taken = await api.patch(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${writeToken}`).send({ email: other.email.toUpperCase() }).expect(409)
      assert.equal(taken.body.error.code, 'email_in_use')
      assert.equal((await reload(user)).email, newEmail)
    })

    it('refuses bad input with 400 and a stable code, changing nothing, and answers 404 for an unknown user', async () => {
      const user = await identity.createUser()
      for (const [body, code] of [
        [{}, 'no_changes'],
        [{ email: 'not-an-address' }, 'invalid_email'],
        [{ firstName: '' }, 'required'],
        [{ lastName: 'x'.repeat(201) }, 'too_long'],
        [{ dateOfBirth: '1990-01-01' }, 'unknown_field'],
        [{ firstName: 42 }, 'wrong_type'],
      ] as const) {
        const response = await api.patch(`/api/v1/users/${user.sub}`).set('Authorization', `Bearer ${writeToken}`).send(body).expect(400)
        assert.equal(response.body.error.code, 'validation_failed', JSON.stringify(body))
        assert.equal(response.body.error.errors[0].code, code, JSON.stringify(body))
      }
      const stored = await reload(user)
      assert.deepEqual([stored.email, stored.given_name, stored.family_name], [user.email, user.given_name, user.family_name])
      assert.equal((await eventsOf(user.sub)).length, 0)

      const missing = await api.patch('/api/v1/users/0b0e7a3c-6f5e-4d55-9f5e-1d2c3b4a5f60').set('Authorization', `Bearer ${writeToken}`).send({ firstName: 'A' }).expect(404)
      assert.equal(missing.body.error.code, 'user_not_found')
    })
  })

  describe('documentation', () => {
    it('serves the OpenAPI description and Swagger UI without a token', async () => {
      const document = await api.get('/api/docs/openapi.json').expect(200)
      assert.equal(document.body.openapi, '3.0.3')
      assert.deepEqual(Object.keys(document.body.paths).sort(), ['/users', '/users/{userId}', '/users/{userId}/trn'])
      const page = await api.get('/api/docs/').expect(200)
      assert.match(page.text, /swagger-ui-bundle\.js/)
      await api.get('/api/docs/assets/swagger-ui-bundle.js').expect(200)
    })
  })
})
