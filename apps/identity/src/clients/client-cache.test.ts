import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { openDatabase, type NotificationListener, type Subscription } from '../../../../packages/kit/src/database.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { IDENTITY_MIGRATIONS, type ClientRow, type IdentitySchema } from '../database/schema.ts'
import { startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'
import { CLIENT_CACHE_TTL_MS, CLIENTS_CHANGED_CHANNEL, createClientCache, loadActiveClient, type ClientLookup } from './client-cache.ts'
import { registerClient } from './clients.ts'
import { hashClientSecret } from './secrets.ts'

/** A stand-in for Database.listen that the test drives by hand. */
function fakeNotifications() {
  const listeners: NotificationListener[] = []
  let listening = true
  return {
    listen: async (channel: string, listener: NotificationListener): Promise<Subscription> => {
      assert.equal(channel, CLIENTS_CHANGED_CHANNEL)
      listeners.push(listener)
      return {
        get listening() {
          return listening
        },
        stop: async () => undefined,
      }
    },
    notify: (payload: string) => listeners.forEach((listener) => listener.notified(payload)),
    lose() {
      listening = false
      listeners.forEach((listener) => listener.missed())
    },
    regain() {
      listening = true
      listeners.forEach((listener) => listener.missed())
    },
  }
}

const row = (clientId: string, name = 'Register for an NPQ') => ({ client_id: clientId, name }) as ClientRow

describe('the client cache', () => {
  const clock = fixedClock('2026-11-22T12:00:00Z')
  let loads: string[]
  let names: Map<string, string>
  const load = async (clientId: string) => {
    loads.push(clientId)
    const name = names.get(clientId)
    return name === undefined ? undefined : row(clientId, name)
  }
  const fresh = () => {
    loads = []
    names = new Map([['npq', 'Register for an NPQ']])
  }

  it('reads each client once while notifications arrive, known or not', async () => {
    fresh()
    const cache = await createClientCache({ load, clock, listen: fakeNotifications().listen })
    for (let index = 0; index < 3; index++) {
      assert.equal((await cache.find('npq'))?.name, 'Register for an NPQ')
      assert.equal(await cache.find('nobody'), undefined)
    }
    assert.deepEqual(loads, ['npq', 'nobody'])
  })

  it('reads a client again once it is changed, and every client after a change to them all', async () => {
    fresh()
    const notifications = fakeNotifications()
    const cache = await createClientCache({ load, clock, listen: notifications.listen })
    await cache.find('npq')
    await cache.find('other')
    names.set('npq', 'Renamed')
    notifications.notify('npq')
    assert.equal((await cache.find('npq'))?.name, 'Renamed')
    await cache.find('other')
    assert.deepEqual(loads, ['npq', 'other', 'npq'])
    notifications.notify('')
    await cache.find('npq')
    await cache.find('other')
    assert.deepEqual(loads.slice(3), ['npq', 'other'])
  })

  it('caches nothing while notifications cannot arrive, and forgets everything when they might have been missed', async () => {
    fresh()
    const notifications = fakeNotifications()
    const cache = await createClientCache({ load, clock, listen: notifications.listen })
    await cache.find('npq')
    notifications.lose()
    await cache.find('npq')
    await cache.find('npq')
    assert.equal(loads.length, 3, 'read every time while not listening')
    notifications.regain()
    await cache.find('npq')
    await cache.find('npq')
    assert.equal(loads.length, 4)
  })

  it('never trusts a client for longer than the TTL', async () => {
    fresh()
    const cache = await createClientCache({ load, clock, listen: fakeNotifications().listen })
    await cache.find('npq')
    clock.advance(CLIENT_CACHE_TTL_MS - 1)
    await cache.find('npq')
    assert.equal(loads.length, 1)
    clock.advance(1)
    await cache.find('npq')
    assert.equal(loads.length, 2)
  })

  it('does not keep what a read saw if the client changed while it was reading', async () => {
    fresh()
    const notifications = fakeNotifications()
    let release: () => void = () => undefined
    const slowLoad = async (clientId: string) => {
      const before = await load(clientId)
      await new Promise<void>((resolve) => (release = resolve))
      return before
    }
    const cache = await createClientCache({ load: slowLoad, clock, listen: notifications.listen })
    const reading = cache.find('npq')
    await new Promise((resolve) => setImmediate(resolve))
    names.set('npq', 'Changed meanwhile')
    notifications.notify('npq')
    release()
    assert.equal((await reading)?.name, 'Register for an NPQ', 'the read that began before the change')
    const next = cache.find('npq')
    await new Promise((resolve) => setImmediate(resolve))
    release()
    assert.equal((await next)?.name, 'Changed meanwhile')
  })

  it('caches nothing without notifications at all', async () => {
    fresh()
    const cache = await createClientCache({ load, clock })
    await cache.find('npq')
    await cache.find('npq')
    assert.equal(loads.length, 2)
  })
})

/** Polls until `check` passes, so a test waits for a notification no longer than it takes to arrive. */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

describe('clients changed on one instance', () => {
  let identity: TestIdentity
  let client: TestClient
  before(async () => {
    identity = await startTestIdentity({ instances: 2 })
    client = await identity.registerClient({ grantTypes: ['client_credentials'], redirectUris: [], scopes: ['user:read'] })
  })
  after(() => identity.close())

  const tokenStatus = async (url: string, secret: string) => {
    const response = await fetch(`${url}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'user:read' }),
    })
    await response.arrayBuffer()
    return response.status
  }
  const everyInstance = (secret: string, status: number) => async () => {
    for (const instance of identity.instances) assert.equal(await tokenStatus(instance.url, secret), status, instance.url)
  }

  it('stop working on every instance at once: a replaced secret, then a disabled client', async () => {
    const secret = client.clientSecret as string
    // Both instances have the client in memory now.
    await everyInstance(secret, 200)()
    await everyInstance(secret, 200)()

    const replacement = 'a-replacement-secret-for-this-client-0123456789'
    await identity.database.db.updateTable('clients').set({ secret_hash: hashClientSecret(replacement) }).where('client_id', '=', client.clientId).execute()
    await eventually(everyInstance(secret, 401))
    await everyInstance(replacement, 200)()

    await identity.database.db.updateTable('clients').set({ disabled_at: new Date() }).where('client_id', '=', client.clientId).execute()
    await eventually(everyInstance(replacement, 401))
  })
})

describe('clients changed by another process (PostgreSQL)', { skip: !process.env.TEST_DATABASE_URL && 'PGlite serves one process only' }, () => {
  let database: TestDatabase<IdentitySchema>
  let caches: ClientLookup[] = []
  const loadsBy = [0, 0]
  const closers: Array<() => Promise<void>> = []
  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
    const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString
    // Two processes' worth of connections: the second instance shares nothing with the first but the server.
    const other = await openDatabase<IdentitySchema>({ url }, { poolSize: 2, preparedStatements: true })
    closers.push(() => other.close())
    caches = await Promise.all(
      [database, other].map((each, index) =>
        createClientCache({
          load: (clientId) => {
            loadsBy[index] = (loadsBy[index] as number) + 1
            return loadActiveClient(each.db, clientId)
          },
          clock: { now: () => new Date() },
          listen: (channel, listener) => each.listen(channel, listener),
        }),
      ),
    )
  })
  after(async () => {
    for (const close of closers) await close()
    await database.drop()
  })

  it('are forgotten by every instance: registered, renamed, disabled', async () => {
    const clock = { now: () => new Date() }
    const [first, second] = caches as [ClientLookup, ClientLookup]
    assert.equal(await second.find('late-client'), undefined, 'unknown, and remembered as unknown')
    await registerClient(database.db, clock, { name: 'Late client', clientId: 'late-client', redirectUris: [], scopes: ['user:read'], grantTypes: ['client_credentials'] }, { actor: 'test', requireHttps: false })
    await eventually(async () => assert.equal((await second.find('late-client'))?.name, 'Late client'))
    assert.equal((await first.find('late-client'))?.name, 'Late client')

    await database.db.updateTable('clients').set({ name: 'Renamed client' }).where('client_id', '=', 'late-client').execute()
    await eventually(async () => assert.equal((await second.find('late-client'))?.name, 'Renamed client'))

    await database.db.updateTable('clients').set({ disabled_at: new Date() }).where('client_id', '=', 'late-client').execute()
    await eventually(async () => assert.equal(await second.find('late-client'), undefined))
    await eventually(async () => assert.equal(await first.find('late-client'), undefined))
  })

  it('are all forgotten when the listening connection is lost, and cached again once it is back', async () => {
    const second = caches[1] as ClientLookup
    await second.find('late-client')
    // Ends every connection listening for changes, as a server restart or a network failure would.
    const ended = await sql<{ ended: boolean }>`
      select pg_terminate_backend(pid) as ended from pg_stat_activity where query ilike 'listen %' and datname = current_database()`.execute(database.db)
    assert.ok(ended.rows.length >= 2, 'both instances were listening')
    // The server tells each instance its connection is gone; from the moment an instance hears it, it reads the table
    // every time. (Before that, a change is unseen for at most the TTL: the same as a notification lost in transit.)
    await eventually(async () => {
      const before = loadsBy[1] as number
      await second.find('late-client')
      assert.equal(loadsBy[1], before + 1, 'read from the table')
    })
    await database.db.updateTable('clients').set({ name: 'Changed while nobody listened', disabled_at: null }).where('client_id', '=', 'late-client').execute()
    assert.equal((await second.find('late-client'))?.name, 'Changed while nobody listened', 'nothing cached from before')
    // Listening again (a second later): clients are cached again, and changes still reach the cache.
    await eventually(async () => {
      const before = loadsBy[1]
      await second.find('late-client')
      assert.equal(loadsBy[1], before, 'served from memory')
    })
    await database.db.updateTable('clients').set({ name: 'Changed after reconnecting' }).where('client_id', '=', 'late-client').execute()
    await eventually(async () => assert.equal((await second.find('late-client'))?.name, 'Changed after reconnecting'))
  })
})
