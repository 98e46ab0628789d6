import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { openDatabase, type Database } from '../database.ts'
import { migrate, type MigrationSource } from '../migrations.ts'

/**
 * Starting PGlite runs initdb, which costs about two seconds of CPU per database. Instead, one empty cluster per
 * PGlite version is made once and kept in the temporary folder; each test database is a copy of it, deleted on
 * drop. The copy is a cache only: if it is missing it is made again, so no run depends on another.
 */
async function emptyPgliteCluster(): Promise<string> {
  const pgliteRoot = dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')))
  const { version } = JSON.parse(readFileSync(join(pgliteRoot, 'package.json'), 'utf8')) as { version: string }
  const template = join(tmpdir(), `teacher-services-pglite-${version}`)
  if (existsSync(join(template, 'PG_VERSION'))) return template
  const building = mkdtempSync(`${template}.building-`)
  const database = await openDatabase({ dataDirectory: building })
  await database.close()
  try {
    // Atomic: test files starting together never see a half-made template; whoever renames second keeps the first.
    renameSync(building, template)
  } catch {
    if (!existsSync(join(template, 'PG_VERSION'))) return building
    rmSync(building, { recursive: true, force: true })
  }
  return template
}

const undroppedCopies = new Set<string>()
// A test that fails before dropping its database must not leave a copy behind.
process.once('exit', () => {
  for (const copy of undroppedCopies) rmSync(copy, { recursive: true, force: true })
})

async function openPgliteCopy<Schema>(): Promise<TestDatabase<Schema>> {
  const template = await emptyPgliteCluster()
  const copy = mkdtempSync(join(tmpdir(), 'teacher-services-test-db-'))
  undroppedCopies.add(copy)
  cpSync(template, copy, { recursive: true })
  const database = await openDatabase<Schema>({ dataDirectory: copy })
  return {
    ...database,
    async drop() {
      await database.close()
      rmSync(copy, { recursive: true, force: true })
      undroppedCopies.delete(copy)
    },
  }
}

export type TestDatabase<Schema> = Database<Schema> & { drop(): Promise<void> }

/**
 * A fresh, migrated database for one test file: a new database on the server named by TEST_DATABASE_URL
 * (as CI does), otherwise a PGlite of its own (a copy of an empty cluster, in the temporary folder).
 * Nothing is shared with any other test run.
 * Pass `withKitMigrations(folder)` (or `[KIT_MIGRATIONS]`) to get the kit's shared tables as well.
 */
export async function createTestDatabase<Schema>(migrations: string | MigrationSource[]): Promise<TestDatabase<Schema>> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const database = await openPgliteCopy<Schema>()
    try {
      await migrate(database, migrations)
    } catch (error) {
      await database.drop()
      throw error
    }
    return database
  }
  const name = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase<Schema>({ url: url.toString() }, { poolSize: 5 })
  await migrate(database, migrations)
  return {
    ...database,
    async drop() {
      await database.close()
      const cleaner = new pg.Client({ connectionString: serverUrl })
      await cleaner.connect()
      await cleaner.query(`drop database if exists ${name} with (force)`)
      await cleaner.end()
    },
  }
}
