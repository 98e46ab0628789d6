import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { KIT_MIGRATIONS, migrate, withKitMigrations } from './migrations.ts'
import { createTestDatabase } from './testing/database.ts'

describe("the kit's shared tables", () => {
  it('join a service already migrated from its own folder, before its new files, without applying its old ones again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'service-migrations-'))
    writeFileSync(join(folder, '0001_things.sql'), 'create table things (id int primary key);\ninsert into things values (1);')
    const database = await createTestDatabase<{ things: { id: number } }>(folder)
    try {
      // A later service migration may rely on a kit table, so the kit's come first.
      writeFileSync(join(folder, '0002_uses_kit.sql'), 'create index web_sessions_data on web_sessions using gin (data);')
      const kitNames = readdirSync(KIT_MIGRATIONS.folder).filter((file) => file.endsWith('.sql')).sort().map((file) => `kit/${file}`)
      assert.deepEqual(kitNames.slice(0, 3), ['kit/0001_web_sessions.sql', 'kit/0002_outbox_jobs.sql', 'kit/0003_email_outbox.sql'])
      assert.deepEqual(await migrate(database, withKitMigrations(folder)), [...kitNames, '0002_uses_kit.sql'])
      assert.deepEqual(await migrate(database, withKitMigrations(folder)), [])
      // The service's folder alone, as before, still finds nothing to do.
      assert.deepEqual(await migrate(database, folder), [])

      const things = await sql<{ count: number }>`select count(*)::int as count from things`.execute(database.db)
      assert.equal(things.rows[0]?.count, 1)
      const tables = await sql<{ name: string | null }>`
        select to_regclass(name)::text as name from unnest(array['web_sessions', 'outbox_jobs', 'email_outbox']) as name`.execute(database.db)
      assert.deepEqual(tables.rows.map((row) => row.name), ['web_sessions', 'outbox_jobs', 'email_outbox'])
      const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db)
      assert.deepEqual(applied.rows.map((row) => row.name), ['0001_things.sql', '0002_uses_kit.sql', ...kitNames])
    } finally {
      await database.drop()
    }
  })
})
