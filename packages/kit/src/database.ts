import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'

const DATE_OID = 1082
const INT8_OID = 20
const NUMERIC_OID = 1700

/** Dates stay 'YYYY-MM-DD' strings: a date of birth has no time zone, and converting it to a JS Date invites off-by-one days. */
const keepAsText = (value: string) => value
const toNumber = (value: string) => Number(value)

export type Engine = 'postgres' | 'pglite'

export type Database<Schema> = {
  readonly db: Kysely<Schema>
  readonly engine: Engine
  /** Runs a script of several SQL statements without parameters (maintenance). */
  exec(script: string): Promise<void>
  /** Runs raw statements and multi-statement scripts in one transaction (migrations). */
  scriptTransaction<T>(work: (runner: ScriptRunner) => Promise<T>): Promise<T>
  /** The node-postgres pool when running on a PostgreSQL server, for libraries that need one. */
  readonly pool: pg.Pool | null
  close(): Promise<void>
}

export type ScriptRunner = {
  exec(script: string): Promise<void>
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>
}

export type DatabaseLocation =
  | { url: string }
  | { dataDirectory: string }
  | { inMemory: true }

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database (on disk, or in memory for tests). */
export async function openDatabase<Schema>(location: DatabaseLocation, options: { poolSize?: number } = {}): Promise<Database<Schema>> {
  if ('url' in location) return openPostgres<Schema>(location.url, options.poolSize ?? 10)
  const dataDirectory = 'dataDirectory' in location ? location.dataDirectory : undefined
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true })
  return openPglite<Schema>(dataDirectory)
}

function openPostgres<Schema>(url: string, poolSize: number): Database<Schema> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return keepAsText
        if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber
        return pg.types.getTypeParser(oid, format)
      }) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'postgres',
    pool,
    async exec(script) {
      await pool.query(script)
    },
    async scriptTransaction(work) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const result = await work({
          async exec(script) {
            await client.query(script)
          },
          async query(text, params = []) {
            return (await client.query(text, params)).rows
          },
        })
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async close() {
      await db.destroy()
    },
  }
}

async function openPglite<Schema>(dataDirectory: string | undefined): Promise<Database<Schema>> {
  const client = await PGlite.create(dataDirectory ?? 'memory://', {
    parsers: { [DATE_OID]: keepAsText, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
  })
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client) })
  return {
    db,
    engine: 'pglite',
    pool: null,
    async exec(script) {
      // Goes through Kysely's single connection queue so it never interleaves with a transaction in progress.
      await db.connection().execute(async () => {
        await client.exec(script)
      })
    },
    async scriptTransaction(work) {
      return db.connection().execute(() =>
        client.transaction((tx) =>
          work({
            async exec(script) {
              await tx.exec(script)
            },
            async query(text, params = []) {
              return (await tx.query(text, params)).rows as never
            },
          }),
        ),
      )
    },
    async close() {
      await db.destroy()
    },
  }
}

/** Where an embedded database lives for a service when no URL is configured. */
export function embeddedDataDirectory(dataDir: string, service: string): string {
  return join(dataDir, service, 'pgdata')
}
