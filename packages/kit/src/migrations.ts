import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from './database.ts'

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/

/**
 * Applies the numbered SQL files in a folder that have not been applied yet, each in its own transaction.
 * An advisory lock makes concurrent starts of several instances wait for each other instead of racing.
 */
export async function migrate<Schema>(database: Database<Schema>, folder: string): Promise<string[]> {
  const files = readdirSync(folder).filter((file) => MIGRATION_FILE.test(file)).sort()
  await database.exec('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())')
  const applied: string[] = []
  for (const file of files) {
    const wasApplied = await database.scriptTransaction(async (runner) => {
      await runner.query(`select pg_advisory_xact_lock(hashtext('schema_migrations'))`)
      const existing = await runner.query('select name from schema_migrations where name = $1', [file])
      if (existing.length > 0) return false
      await runner.exec(readFileSync(join(folder, file), 'utf8'))
      await runner.query('insert into schema_migrations (name) values ($1)', [file])
      return true
    })
    if (wasApplied) applied.push(file)
  }
  return applied
}
