import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { openDatabase, type Database } from '../../../../packages/kit/src/database.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { registerClient } from '../clients/clients.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema } from './schema.ts'

// What the identity service asks of the kit's database beyond queries: notifications (the client cache) and, on
// PostgreSQL, prepared statements.

/** Subscribes, then resolves with the first payload sent on the channel. */
async function nextNotification(database: Database<IdentitySchema>, channel: string): Promise<{ payload: Promise<string> }> {
  let resolve: (payload: string) => void = () => undefined
  const payload = new Promise<string>((done, fail) => {
    resolve = done
    setTimeout(() => fail(new Error('no notification within 5 s')), 5000).unref()
  })
  const subscription = await database.listen(channel, { notified: (sent) => resolve(sent), missed() {} })
  return { payload: payload.finally(() => subscription.stop()) }
}

describe('notifications', () => {
  let database: TestDatabase<IdentitySchema>
  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
  })
  after(() => database.drop())

  it('announce a change to the clients table once it is committed, with the client id', async () => {
    const notified = await nextNotification(database, 'identity_clients_changed')
    await registerClient(database.db, systemClock, { name: 'Notified', clientId: 'notified-client', redirectUris: [], scopes: ['user:read'], grantTypes: ['client_credentials'] }, { actor: 'test', requireHttps: false })
    assert.equal(await notified.payload, 'notified-client')
  })

  it('stop when the subscription stops, and refuse a channel name that is not a plain identifier', async () => {
    let count = 0
    const subscription = await database.listen('identity_clients_changed', { notified: () => count++, missed() {} })
    assert.equal(subscription.listening, true)
    await subscription.stop()
    assert.equal(subscription.listening, false)
    await database.db.updateTable('clients').set({ name: 'Renamed' }).where('client_id', '=', 'notified-client').execute()
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(count, 0)
    await assert.rejects(database.listen('clients; drop table users', { notified() {}, missed() {} }), /plain lower-case channel name/)
  })
})

describe('prepared statements (PostgreSQL)', { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only' }, () => {
  let database: TestDatabase<IdentitySchema>
  let prepared: Database<IdentitySchema>
  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
    const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString
    prepared = await openDatabase<IdentitySchema>({ url }, { poolSize: 1, preparedStatements: true })
  })
  after(async () => {
    await prepared.close()
    await database.drop()
  })

  it('are prepared once per connection and then reused', async () => {
    const before = await sql<{ count: number }>`select count(*)::int as count from pg_prepared_statements`.execute(prepared.db)
    for (let attempt = 0; attempt < 3; attempt++) await prepared.db.selectFrom('users').select('sub').where('email', '=', `nobody${attempt}@example.com`).execute()
    const afterwards = await sql<{ count: number }>`select count(*)::int as count from pg_prepared_statements`.execute(prepared.db)
    assert.equal((afterwards.rows[0]?.count ?? 0) - (before.rows[0]?.count ?? 0), 1, 'the same statement, prepared once on the one connection')
  })

  it('keep working when a migration changes a table under them, inside transactions too', async () => {
    const everything = () => prepared.db.selectFrom('signing_keys').selectAll().execute()
    await everything()
    await database.exec('alter table signing_keys add column note text')
    // Outside a transaction the statement is run again unprepared; the connection is then replaced.
    assert.deepEqual(await everything(), [])
    assert.deepEqual(await everything(), [])
    await database.exec('alter table signing_keys drop column note')
    await assert.rejects(prepared.db.transaction().execute(async (trx) => trx.selectFrom('signing_keys').selectAll().execute()), /cached plan must not change result type/)
    assert.deepEqual(await prepared.db.transaction().execute(async (trx) => trx.selectFrom('signing_keys').selectAll().execute()), [], 'on a fresh connection')
  })
})
