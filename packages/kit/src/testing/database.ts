import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../database.ts'
import { migrate, type MigrationSource } from '../migrations.ts'

export type TestDatabase<Schema> = Database<Schema> & { drop(): Promise<void> }

/**
 * A fresh, migrated database for one test file: a new database on the server named by TEST_DATABASE_URL
 * (as CI does), otherwise an in-memory PGlite. Nothing is shared with any other test run.
 * Pass `withKitMigrations(folder)` (or `[KIT_MIGRATIONS]`) to get the kit's shared tables as well.
 */
export async function createTestDatabase<Schema>(migrations: string | MigrationSource[]): Promise<TestDatabase<Schema>> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const database = await openDatabase<Schema>({ inMemory: true })
    await migrate(database, migrations)
    return { ...database, drop: () => database.close() }
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
