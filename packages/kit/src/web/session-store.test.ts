import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SessionData } from 'express-session'
import { fixedClock } from '../clock.ts'
import { KIT_MIGRATIONS, type KitTables } from '../migrations.ts'
import { createTestDatabase, type TestDatabase } from '../testing/database.ts'
import { createSessionStore, type KyselySessionStore } from './session-store.ts'

const MINUTE = 60_000

function sessionWith(values: Record<string, unknown>, cookie: Partial<SessionData['cookie']> = {}): SessionData {
  return { cookie: { originalMaxAge: null, path: '/', httpOnly: true, ...cookie }, ...values } as SessionData
}

const valuesIn = (data: SessionData | null | undefined) => data as unknown as Record<string, unknown>

/** The callback interface express-session uses, as promises. */
function callbacks(store: KyselySessionStore) {
  return {
    get: (sid: string) => new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (error, data) => (error ? reject(error) : resolve(data)))),
    set: (sid: string, data: SessionData) => new Promise<void>((resolve, reject) => store.set(sid, data, (error) => (error ? reject(error) : resolve()))),
    touch: (sid: string, data: SessionData) => new Promise<void>((resolve, reject) => store.touch(sid, data, (error?: unknown) => (error ? reject(error) : resolve()))),
    destroy: (sid: string) => new Promise<void>((resolve, reject) => store.destroy(sid, (error) => (error ? reject(error) : resolve()))),
  }
}

describe('the session store', () => {
  let database: TestDatabase<KitTables>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  let store: KyselySessionStore
  let session: ReturnType<typeof callbacks>

  before(async () => {
    database = await createTestDatabase<KitTables>([KIT_MIGRATIONS])
    store = createSessionStore({ db: database.db, clock, idleTimeoutMs: 30 * MINUTE, touchAfterMs: MINUTE })
    session = callbacks(store)
  })
  after(() => database.drop())

  it('keeps what was set, replaces it on the next set, and forgets it when destroyed', async () => {
    await session.set('sid-1', sessionWith({ fullName: 'Ada Lovelace', steps: ['name', 'email'] }))
    const stored = valuesIn(await session.get('sid-1'))
    assert.equal(stored.fullName, 'Ada Lovelace')
    assert.deepEqual(stored.steps, ['name', 'email'])

    await session.set('sid-1', sessionWith({ fullName: 'Ada King' }))
    assert.equal(valuesIn(await session.get('sid-1')).fullName, 'Ada King')

    await session.destroy('sid-1')
    assert.equal(await session.get('sid-1'), null)
  })

  it('answers nothing for a session it never had', async () => {
    assert.equal(await session.get('never-issued'), null)
  })

  it('forgets a session left idle past the timeout, unless it was touched in time', async () => {
    await session.set('idle', sessionWith({ step: 1 }))
    await session.set('busy', sessionWith({ step: 1 }))
    clock.advance(20 * MINUTE)
    await session.touch('busy', sessionWith({ step: 1 }))
    clock.advance(20 * MINUTE)
    assert.equal(await session.get('idle'), null)
    assert.notEqual(await session.get('busy'), null)
    clock.advance(31 * MINUTE)
    assert.equal(await session.get('busy'), null)
    // Touching an expired session does not bring it back.
    await session.touch('busy', sessionWith({ step: 1 }))
    assert.equal(await session.get('busy'), null)
  })

  it("honours a cookie's own expiry when it has one", async () => {
    await session.set('persistent', sessionWith({}, { expires: new Date(clock.now().getTime() + 5 * MINUTE) }))
    clock.advance(6 * MINUTE)
    assert.equal(await session.get('persistent'), null)
  })

  it('deletes expired sessions from the table when it next writes', async () => {
    await session.set('old', sessionWith({}))
    clock.advance(31 * MINUTE)
    await session.set('new', sessionWith({}))
    const sids = (await database.db.selectFrom('web_sessions').select('sid').execute()).map((row) => row.sid)
    assert.ok(!sids.includes('old'), `expected "old" to be deleted, table has ${sids.join(', ')}`)
    assert.ok(sids.includes('new'))
    assert.equal(await store.count(), 1)
  })
})
