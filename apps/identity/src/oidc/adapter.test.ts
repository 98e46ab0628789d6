import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema } from '../database/schema.ts'
import { createAdapterFactory, flushUnit, pruneExpiredPayloads } from './adapter.ts'
import { newUnit, withUnit } from './request-unit.ts'

describe('the database adapter for oidc-provider', () => {
  let database: TestDatabase<IdentitySchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  let adapterFor: ReturnType<typeof createAdapterFactory>
  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
    adapterFor = createAdapterFactory({ db: database.db, clock })
  })
  after(() => database.drop())

  it('stores and finds a payload until it expires, by its own clock', async () => {
    const tokens = adapterFor('AccessToken')
    await tokens.upsert('token-1', { jti: 'token-1', kind: 'AccessToken', grantId: 'grant-1', accountId: 'someone' }, 60)
    assert.equal((await tokens.find('token-1'))?.accountId, 'someone')
    clock.advance(59_000)
    assert.ok(await tokens.find('token-1'))
    clock.advance(1_000)
    assert.equal(await tokens.find('token-1'), undefined)
    assert.equal(await pruneExpiredPayloads(database.db, clock), 1)
  })

  it('keeps each model apart: the same id in two models is two rows', async () => {
    await adapterFor('AccessToken').upsert('same', { kind: 'AccessToken', accountId: 'a' }, 60)
    await adapterFor('RefreshToken').upsert('same', { kind: 'RefreshToken', accountId: 'b' }, 60)
    assert.equal((await adapterFor('AccessToken').find('same'))?.accountId, 'a')
    assert.equal((await adapterFor('RefreshToken').find('same'))?.accountId, 'b')
  })

  it('replaces a payload on upsert and forgets it on destroy', async () => {
    const interactions = adapterFor('Interaction')
    await interactions.upsert('uid-1', { kind: 'Interaction', returnTo: '/first' }, 600)
    await interactions.upsert('uid-1', { kind: 'Interaction', returnTo: '/second' }, 600)
    assert.equal((await interactions.find('uid-1'))?.returnTo, '/second')
    await interactions.destroy('uid-1')
    assert.equal(await interactions.find('uid-1'), undefined)
  })

  it('finds a session by its uid and a device code by its user code', async () => {
    await adapterFor('Session').upsert('session-cookie-id', { kind: 'Session', uid: 'session-uid', accountId: 'a' }, 600)
    assert.equal((await adapterFor('Session').findByUid('session-uid'))?.accountId, 'a')
    await adapterFor('DeviceCode').upsert('device-1', { kind: 'DeviceCode', userCode: 'ABCD-EFGH' }, 600)
    assert.ok(await adapterFor('DeviceCode').findByUserCode('ABCD-EFGH'))
    assert.equal(await adapterFor('Session').findByUid('no-such-uid'), undefined)
  })

  it('marks a code consumed once; a second consumption is a replay that revokes the whole grant', async () => {
    const codes = adapterFor('AuthorizationCode')
    await codes.upsert('code-1', { kind: 'AuthorizationCode', grantId: 'grant-9' }, 60)
    await adapterFor('AccessToken').upsert('at-9', { kind: 'AccessToken', grantId: 'grant-9' }, 600)
    await adapterFor('Grant').upsert('grant-9', { kind: 'Grant', accountId: 'a' }, 600)
    await codes.consume('code-1')
    assert.equal(typeof (await codes.find('code-1'))?.consumed, 'number')
    await assert.rejects(codes.consume('code-1'), (error: Error & { error?: string }) => error.error === 'invalid_grant')
    assert.equal(await adapterFor('AccessToken').find('at-9'), undefined)
    assert.equal(await adapterFor('Grant').find('grant-9'), undefined)
  })

  it('revokes by grant only the tokens of its own model and grant', async () => {
    await adapterFor('AccessToken').upsert('at-1', { kind: 'AccessToken', grantId: 'grant-a' }, 600)
    await adapterFor('AccessToken').upsert('at-2', { kind: 'AccessToken', grantId: 'grant-b' }, 600)
    await adapterFor('RefreshToken').upsert('rt-1', { kind: 'RefreshToken', grantId: 'grant-a' }, 600)
    await adapterFor('AccessToken').revokeByGrantId('grant-a')
    assert.equal(await adapterFor('AccessToken').find('at-1'), undefined)
    assert.ok(await adapterFor('AccessToken').find('at-2'))
    assert.ok(await adapterFor('RefreshToken').find('rt-1'))
  })

  it('keeps a payload without an expiry until it is destroyed', async () => {
    await adapterFor('ReplayDetection').upsert('jti-1', { kind: 'ReplayDetection' })
    clock.advance(365 * 24 * 60 * 60 * 1000)
    assert.ok(await adapterFor('ReplayDetection').find('jti-1'))
  })

  it('reads clients from the clients table and refuses to write them', async () => {
    const clients = adapterFor('Client')
    assert.equal(await clients.find('unknown-client'), undefined)
    await assert.rejects(clients.upsert('x', {}), /identity:client/)
  })

  describe('within a provider request', () => {
    const inRequest = async (work: () => Promise<void>) => {
      const unit = newUnit()
      await withUnit(unit, work)
      return () => flushUnit(unit, { db: database.db, clock })
    }
    const stored = (model: string, id: string) => database.db.selectFrom('oidc_payloads').select('payload').where('model', '=', model).where('id', '=', id).executeTakeFirst()

    it('keeps writes until the request is done, answering its own reads from them meanwhile', async () => {
      const flush = await inRequest(async () => {
        await adapterFor('AccessToken').upsert('later-1', { kind: 'AccessToken', grantId: 'grant-later', accountId: 'a' }, 600)
        assert.equal((await adapterFor('AccessToken').find('later-1'))?.accountId, 'a', 'its own write')
        assert.equal(await stored('AccessToken', 'later-1'), undefined, 'not in the database yet')
      })
      await flush()
      assert.ok(await stored('AccessToken', 'later-1'))
    })

    it('writes nothing, and revokes the grant, when a code it consumed was consumed meanwhile by another request', async () => {
      await adapterFor('AuthorizationCode').upsert('raced', { kind: 'AuthorizationCode', grantId: 'grant-raced' }, 60)
      await adapterFor('AccessToken').upsert('first-token', { kind: 'AccessToken', grantId: 'grant-raced' }, 600)
      const flush = await inRequest(async () => {
        await adapterFor('AuthorizationCode').consume('raced')
        await adapterFor('AccessToken').upsert('second-token', { kind: 'AccessToken', grantId: 'grant-raced' }, 600)
      })
      await adapterFor('AuthorizationCode').consume('raced')
      await assert.rejects(flush(), (error: Error & { error?: string }) => error.error === 'invalid_grant')
      assert.equal(await stored('AccessToken', 'second-token'), undefined, 'the losing request stored nothing')
      assert.equal(await stored('AccessToken', 'first-token'), undefined, 'and the grant was revoked')
    })

    it('reads a token with its grant, its session and its person in one go', async () => {
      await adapterFor('Grant').upsert('grant-read', { kind: 'Grant', accountId: 'a' }, 600)
      await adapterFor('Session').upsert('session-read', { kind: 'Session', uid: 'uid-read', accountId: 'a' }, 600)
      await adapterFor('AccessToken').upsert('token-read', { kind: 'AccessToken', grantId: 'grant-read', expiresWithSession: true, sessionUid: 'uid-read', accountId: 'a' }, 600)
      await inRequest(async () => {
        assert.ok(await adapterFor('AccessToken').find('token-read'))
        await database.db.deleteFrom('oidc_payloads').where('id', 'in', ['grant-read', 'session-read']).execute()
        assert.equal((await adapterFor('Grant').find('grant-read'))?.accountId, 'a', 'as it was when the token was read')
        assert.equal((await adapterFor('Session').findByUid('uid-read'))?.accountId, 'a')
      })
    })
  })
})
