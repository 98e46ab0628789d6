import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Request } from 'express'
import type { SessionData } from 'express-session'
import type { KyselyPlugin } from 'kysely'
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

  it('replaces one session with another in one statement', async () => {
    await session.set('planted', sessionWith({ step: 1 }))
    await store.replace('planted', 'renewed', sessionWith({ step: 2 }))
    assert.equal(await session.get('planted'), null)
    assert.equal(valuesIn(await session.get('renewed')).step, 2)
  })

  describe('statements that would change nothing', () => {
    let statements = 0
    let counted: KyselySessionStore
    let countedSession: ReturnType<typeof callbacks>
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    /** What express-session does with a request's session cookie: read the row, make the request's session of it. */
    const sessionOf = async (sid: string) => counted.createSession({ sessionID: sid } as Request, (await countedSession.get(sid)) as SessionData)
    const expiryOf = async (sid: string) => (await database.db.selectFrom('web_sessions').select('expires_at').where('sid', '=', sid).executeTakeFirstOrThrow()).expires_at

    before(() => {
      counted = createSessionStore({ db: database.db.withPlugin(counting), clock, idleTimeoutMs: 30 * MINUTE, touchAfterMs: MINUTE })
      countedSession = callbacks(counted)
    })

    it('are not sent to touch a session read moments ago, and are once its expiry would move enough', async () => {
      await countedSession.set('read', sessionWith({ step: 1 }))
      clock.advance(30_000)
      const request = await sessionOf('read')
      statements = 0
      await countedSession.touch('read', request)
      assert.equal(statements, 0)

      clock.advance(2 * MINUTE)
      const later = await sessionOf('read')
      const before = await expiryOf('read')
      statements = 0
      await countedSession.touch('read', later)
      assert.equal(statements, 1)
      assert.ok((await expiryOf('read')) > before)
    })

    it('are not sent to save a session again just after it replaced another', async () => {
      const renewed = sessionWith({ step: 3 })
      statements = 0
      await counted.replace('before-renewal', 'after-renewal', renewed)
      await countedSession.set('after-renewal', renewed)
      assert.equal(statements, 1)
    })

    it('are not sent to save a session again with the same data', async () => {
      await countedSession.set('saved', sessionWith({ step: 1 }))
      const request = await sessionOf('saved')
      statements = 0
      await countedSession.set('saved', request)
      await countedSession.set('saved', request)
      assert.equal(statements, 1, 'the first save writes, the same data again does not')

      Object.assign(request, { step: 2 })
      await countedSession.set('saved', request)
      assert.equal(statements, 2)
      assert.equal(valuesIn(await countedSession.get('saved')).step, 2)
    })
  })
})
