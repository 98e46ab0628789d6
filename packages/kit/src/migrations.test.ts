import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { createTestDatabase } from './testing/database.ts'
import { migrate } from './migrations.ts'

describe('migrate', () => {
  it('applies each numbered file once, in order, and never again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'))
    writeFileSync(join(folder, '0001_first.sql'), 'create table things (id int primary key);\ninsert into things values (1);')
    writeFileSync(join(folder, '0002_second.sql'), 'insert into things values (2);')
    writeFileSync(join(folder, 'notes.txt'), 'not a migration')
    const database = await createTestDatabase<{ things: { id: number } }>(folder)
    try {
      assert.deepEqual(await migrate(database, folder), [])
      writeFileSync(join(folder, '0003_third.sql'), 'insert into things values (3);')
      assert.deepEqual(await migrate(database, folder), ['0003_third.sql'])
      const rows = await sql<{ id: number }>`select id from things order by id`.execute(database.db)
      assert.deepEqual(rows.rows.map((row) => row.id), [1, 2, 3])
    } finally {
      await database.drop()
    }
  })

  it('leaves nothing behind when a migration fails part-way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'))
    writeFileSync(join(folder, '0001_ok.sql'), 'create table kept (id int);')
    const database = await createTestDatabase<object>(folder)
    try {
      writeFileSync(join(folder, '0002_broken.sql'), 'create table half (id int);\nthis is not sql;')
      await assert.rejects(migrate(database, folder))
      const half = await sql<{ name: string | null }>`select to_regclass('half')::text as name`.execute(database.db)
      assert.equal(half.rows[0]?.name, null)
      const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db)
      assert.deepEqual(applied.rows.map((row) => row.name), ['0001_ok.sql'])
    } finally {
      await database.drop()
    }
  })
})
