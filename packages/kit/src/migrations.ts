import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.ts'
import type { EmailOutboxTable } from './email/schema.ts'
import type { OutboxJobsTable } from './outbox/schema.ts'
import type { WebSessionsTable } from './web/session-store.ts'

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/

/** A folder of numbered SQL files; `prefix` keeps their names apart from another folder's in `schema_migrations`. */
export type MigrationSource = { folder: string; prefix?: string }

/** The tables every web service shares (sessions, email outbox, outbox jobs), tracked as `kit/0001_….sql`. */
export const KIT_MIGRATIONS: MigrationSource = { folder: fileURLToPath(new URL('../migrations', import.meta.url)), prefix: 'kit/' }

/** What the kit's migrations create; a service's schema type includes it: `type Schema = KitTables & { … }`. */
export type KitTables = {
  web_sessions: WebSessionsTable
  email_outbox: EmailOutboxTable
  outbox_jobs: OutboxJobsTable
}

/** The kit's tables first, then the service's own folder, whose files keep their bare names. */
export function withKitMigrations(folder: string): MigrationSource[] {
  return [KIT_MIGRATIONS, { folder }]
}

/**
 * Applies the numbered SQL files that have not been applied yet, each in its own transaction, folder by folder.
 * An advisory lock makes concurrent starts of several instances wait for each other instead of racing.
 */
export async function migrate<Schema>(database: Database<Schema>, sources: string | MigrationSource[]): Promise<string[]> {
  const list = typeof sources === 'string' ? [{ folder: sources }] : sources
  await database.exec('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())')
  const applied: string[] = []
  for (const source of list) {
    const files = readdirSync(source.folder).filter((file) => MIGRATION_FILE.test(file)).sort()
    for (const file of files) {
      const name = `${source.prefix ?? ''}${file}`
      const wasApplied = await database.scriptTransaction(async (runner) => {
        await runner.query(`select pg_advisory_xact_lock(hashtext('schema_migrations'))`)
        const existing = await runner.query('select name from schema_migrations where name = $1', [name])
        if (existing.length > 0) return false
        await runner.exec(readFileSync(join(source.folder, file), 'utf8'))
        await runner.query('insert into schema_migrations (name) values ($1)', [name])
        return true
      })
      if (wasApplied) applied.push(name)
    }
  }
  return applied
}
