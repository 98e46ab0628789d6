import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it, mock } from 'node:test'
import * as oidc from 'openid-client'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { jwksOf, signIn } from '../testing/flows.ts'
import { decodeJwt, verifyWithJwks } from '../testing/jwt.ts'
import { startTestIdentity } from '../testing/test-identity.ts'
import { generateSigningKey } from './keys.ts'
import { RETIRED_KEY_RETENTION_MS } from './schedule.ts'
import { removeSigningKey, scheduleSigningKey } from './store.ts'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

async function setUp(options: Parameters<typeof startTestIdentity>[0] = {}) {
  const identity = await startTestIdentity(options)
  const rp = await identity.relyingParty(await identity.registerClient({ postLogoutRedirectUris: ['https://client.example.test/bye'] }))
  const teacher = await identity.createUser()
  const idToken = async () => (await signIn(identity, rp, { userSub: teacher.sub })).tokens.id_token as string
  const kidOf = (jwt: string) => decodeJwt(jwt).header.kid as string
  const publishedKids = async () => (await jwksOf(identity)).keys.map((key) => key.kid)
  return { identity, rp, teacher, idToken, kidOf, publishedKids }
}

describe('signing key rotation', () => {
  afterEach(() => mock.timers.reset())

  describe('with keys kept in the database', () => {
    let context: Awaited<ReturnType<typeof setUp>>
    before(async () => {
      context = await setUp()
    })
    after(() => context.identity.close())

    it('publishes the next key a day ahead, signs with it once active, and keeps verifying tokens from the old one', async () => {
      const { identity, rp, teacher, idToken, kidOf, publishedKids } = context
      const before = await idToken()
      const oldKid = kidOf(before)
      const start = Date.now()
      const newKid = await scheduleSigningKey(identity.database.db, systemClock, { activatesAt: new Date(start + DAY), actor: 'test' })

      assert.deepEqual(await publishedKids(), [oldKid, newKid], 'published before it signs')
      assert.equal(kidOf(await idToken()), oldKid, 'not signing yet')

      mock.timers.enable({ apis: ['Date'], now: start + DAY + 1000 })
      const afterRotation = await idToken()
      assert.equal(kidOf(afterRotation), newKid)
      assert.deepEqual(await publishedKids(), [newKid, oldKid])
      const jwks = await jwksOf(identity)
      assert.equal(verifyWithJwks(before, jwks).sub, teacher.sub, 'a token signed before the rotation still verifies')
      assert.equal(verifyWithJwks(afterRotation, jwks).sub, teacher.sub)

      const confirmation = await identity.browser().navigate(oidc.buildEndSessionUrl(rp, { id_token_hint: before, post_logout_redirect_uri: 'https://client.example.test/bye' }))
      assert.equal(confirmation.status, 200, 'an old ID token is still accepted as id_token_hint at sign-out')

      mock.timers.setTime(start + DAY + RETIRED_KEY_RETENTION_MS + 1000)
      assert.deepEqual(await publishedKids(), [newKid], 'dropped once nothing it signed can still be in use')
      const stored = await identity.database.db.selectFrom('signing_keys').select('kid').execute()
      assert.deepEqual(stored.map((row) => row.kid), [newKid], 'and its private key deleted')
    })

    it('rotates at once and withdraws a leaked key, after which its tokens stop verifying', async () => {
      const { identity, idToken, kidOf, publishedKids } = context
      const leaked = await idToken()
      const fresh = await scheduleSigningKey(identity.database.db, systemClock, { activatesAt: new Date(), actor: 'test' })
      await removeSigningKey(identity.database.db, systemClock, { kid: kidOf(leaked), actor: 'test' })
      assert.ok(!(await publishedKids()).includes(kidOf(leaked)))
      const jwks = await jwksOf(identity)
      assert.throws(() => verifyWithJwks(leaked, jwks), /not in the JWKS/)
      assert.equal(kidOf(await idToken()), fresh)
    })

    it('never removes the only active key', async () => {
      const { identity, idToken, kidOf } = context
      const only = kidOf(await idToken())
      for (const row of await identity.database.db.selectFrom('signing_keys').select('kid').where('kid', '!=', only).execute()) {
        await removeSigningKey(identity.database.db, systemClock, { kid: row.kid, actor: 'test' })
      }
      await assert.rejects(removeSigningKey(identity.database.db, systemClock, { kid: only, actor: 'test' }), /only active signing key/)
    })
  })

  it('rotates by itself on schedule, publishing the successor ahead', async () => {
    const context = await setUp({ keyRotation: { rotateAfterDays: 90, publishAheadHours: 24 } })
    try {
      const first = context.kidOf(await context.idToken())
      const start = Date.now()
      mock.timers.enable({ apis: ['Date'], now: start + 88 * DAY })
      assert.deepEqual(await context.publishedKids(), [first])
      mock.timers.setTime(start + 89 * DAY + HOUR)
      const published = await context.publishedKids()
      assert.equal(published.length, 2)
      assert.equal(context.kidOf(await context.idToken()), first)
      mock.timers.setTime(start + 90 * DAY + HOUR)
      assert.equal(context.kidOf(await context.idToken()), published[1])
    } finally {
      mock.timers.reset()
      await context.identity.close()
    }
  })

  it('uses keys from configuration instead when IDENTITY_SIGNING_KEYS is set: the first signs, all are published', async () => {
    const [first, second] = [generateSigningKey(), generateSigningKey()]
    const context = await setUp({ signingKeys: [first, second] })
    try {
      assert.equal(context.kidOf(await context.idToken()), first.kid)
      assert.deepEqual(await context.publishedKids(), [first.kid, second.kid])
      assert.equal((await context.identity.database.db.selectFrom('signing_keys').select('kid').execute()).length, 0)
    } finally {
      await context.identity.close()
    }
  })
})
