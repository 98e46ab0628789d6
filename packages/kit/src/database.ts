import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresPoolClient } from 'kysely'
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
  /**
   * Calls `listener.notified` with the payload of every NOTIFY on `channel` (sent by any connection, once its
   * transaction commits). Resolves once listening has been tried; it never fails: on PostgreSQL a lost connection is
   * re-established in the background, and `listener.missed` is called whenever notifications may have gone unseen.
   * `close()` stops every subscription.
   */
  listen(channel: string, listener: NotificationListener): Promise<Subscription>
  close(): Promise<void>
}

export type NotificationListener = {
  notified(payload: string): void
  /** Notifications may have been missed: the connection listening for them was lost, or has just come back. */
  missed(): void
}

export type Subscription = {
  /** False while notifications cannot arrive (the listening connection is down): nothing sent meanwhile is seen. */
  readonly listening: boolean
  stop(): Promise<void>
}

export type ScriptRunner = {
  exec(script: string): Promise<void>
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>
}

export type DatabaseLocation =
  | { url: string }
  | { dataDirectory: string }
  | { inMemory: true }

export type DatabaseOptions = {
  poolSize?: number
  /**
   * PostgreSQL only: send Kysely's queries as named (prepared) statements, so the server parses and plans each
   * distinct statement once per connection instead of every time (about half its CPU for a simple lookup).
   */
  preparedStatements?: boolean
}

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database (on disk, or in memory for tests). */
export async function openDatabase<Schema>(location: DatabaseLocation, options: DatabaseOptions = {}): Promise<Database<Schema>> {
  if ('url' in location) return openPostgres<Schema>(location.url, options.poolSize ?? 10, options.preparedStatements ?? false)
  const dataDirectory = 'dataDirectory' in location ? location.dataDirectory : undefined
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true })
  return openPglite<Schema>(dataDirectory)
}

function openPostgres<Schema>(url: string, poolSize: number, preparedStatements: boolean): Database<Schema> {
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
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: preparedStatements ? preparingPool(pool) : pool }) })
  const notifications = postgresNotifications(url)
  return {
    db,
    engine: 'postgres',
    pool,
    listen: notifications.listen,
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
      await notifications.close()
      await db.destroy()
    },
  }
}

/** Statements worth preparing; `begin`, `commit`, `set` and the like go through as they are. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i
/** Past this many distinct statements (unbounded dynamic SQL), new ones are sent unprepared, so memory stays bounded. */
const MOST_PREPARED_STATEMENTS = 1000
const STARTS_TRANSACTION = /^\s*(begin|start\s+transaction)\b/i
const ENDS_TRANSACTION = /^\s*(commit|end|rollback(?!\s+to\b))\b/i

/** PostgreSQL refuses a prepared `select *` whose table has gained or lost columns since (a migration while running). */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message))
}

/**
 * The pool as Kysely sees it, with each statement named after a hash of its text: node-postgres prepares a named
 * statement once per connection and then only binds and executes it. A connection whose prepared statements went
 * stale (see isStalePlan) runs the statement again unprepared when it can, and is closed rather than reused.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>()
  const nameFor = (text: string): string | undefined => {
    let name = names.get(text)
    if (name === undefined && names.size < MOST_PREPARED_STATEMENTS && PREPARABLE.test(text)) {
      name = `kysely_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`
      names.set(text, name)
    }
    return name
  }
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let inTransaction = false
      let stale = false
      const query = async (text: string, parameters: ReadonlyArray<unknown>) => {
        const name = stale ? undefined : nameFor(text)
        if (name === undefined) return client.query(text, parameters as unknown[])
        try {
          return await client.query({ name, text, values: parameters as unknown[] })
        } catch (error) {
          if (!isStalePlan(error)) throw error
          stale = true
          // Inside a transaction the error has aborted it already; outside one, nothing was done yet.
          if (inTransaction) throw error
          return client.query(text, parameters as unknown[])
        }
      }
      return {
        query: ((textOrCursor: string | PostgresCursor<unknown>, parameters: ReadonlyArray<unknown> = []) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never)
          if (STARTS_TRANSACTION.test(textOrCursor)) inTransaction = true
          else if (ENDS_TRANSACTION.test(textOrCursor)) inTransaction = false
          return query(textOrCursor, parameters)
        }) as unknown as PostgresPoolClient['query'],
        release() {
          client.release(stale ? new Error('its prepared statements are stale') : undefined)
        },
      }
    },
    end: () => pool.end(),
  }
}

const RECONNECT_AFTER_MS = 1000
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * LISTEN needs a connection of its own for as long as it listens, so it cannot borrow one from the pool: one dedicated
 * connection per database serves every channel, and is opened again (after a pause) whenever it is lost.
 */
function postgresNotifications(url: string) {
  const listeners = new Map<string, Set<NotificationListener>>()
  /** The connection listening now, and the channels it has been told to listen on. */
  let live: { client: pg.Client; channels: Set<string> } | undefined
  let connecting: Promise<void> | undefined
  let retry: NodeJS.Timeout | undefined
  let closed = false

  const everyListener = () => [...listeners.values()].flatMap((set) => [...set])

  function lost(client: pg.Client) {
    if (live?.client !== client) return
    live = undefined
    client.end().catch(() => {})
    for (const listener of everyListener()) listener.missed()
    scheduleReconnect()
  }

  function scheduleReconnect() {
    if (closed || retry || listeners.size === 0) return
    retry = setTimeout(() => {
      retry = undefined
      void connect()
    }, RECONNECT_AFTER_MS)
    retry.unref()
  }

  async function listenOn(channel: string) {
    const current = live
    if (!current || current.channels.has(channel)) return
    current.channels.add(channel)
    await current.client.query(`listen ${channel}`).catch(() => lost(current.client))
  }

  function connect(): Promise<void> {
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url, keepAlive: true })
      client.on('notification', (message) => {
        for (const listener of listeners.get(message.channel) ?? []) listener.notified(message.payload ?? '')
      })
      client.on('error', () => lost(client))
      client.on('end', () => lost(client))
      try {
        await client.connect()
        const channels = new Set(listeners.keys())
        for (const channel of channels) await client.query(`listen ${channel}`)
        if (closed) {
          await client.end()
          return
        }
        live = { client, channels }
        for (const channel of listeners.keys()) await listenOn(channel)
        // Whatever was sent while nobody listened is lost.
        for (const listener of everyListener()) listener.missed()
      } catch {
        client.removeAllListeners('end')
        client.on('error', () => {})
        await client.end().catch(() => {})
        scheduleReconnect()
      }
    })().finally(() => {
      connecting = undefined
    })
    return connecting
  }

  return {
    async listen(channel: string, listener: NotificationListener): Promise<Subscription> {
      if (!CHANNEL.test(channel)) throw new Error(`"${channel}" is not a plain lower-case channel name`)
      if (closed) throw new Error('the database is closed')
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      if (live) await listenOn(channel)
      else await (connecting ?? connect())
      return {
        get listening() {
          return live?.channels.has(channel) === true && listeners.get(channel)?.has(listener) === true
        },
        async stop() {
          const current = listeners.get(channel)
          if (!current?.delete(listener) || current.size > 0) return
          listeners.delete(channel)
          const connection = live
          if (listeners.size > 0) {
            if (connection?.channels.delete(channel)) await connection.client.query(`unlisten ${channel}`).catch(() => {})
            return
          }
          // Nothing left to listen for: let the connection go, so it does not keep the process alive.
          live = undefined
          clearTimeout(retry)
          retry = undefined
          await connection?.client.end().catch(() => {})
        },
      }
    },
    async close() {
      closed = true
      clearTimeout(retry)
      await connecting
      const connection = live
      live = undefined
      await connection?.client.end().catch(() => {})
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
    async listen(channel, listener) {
      if (!CHANNEL.test(channel)) throw new Error(`"${channel}" is not a plain lower-case channel name`)
      // One process owns the embedded database, so every change is made in this process and never missed.
      const unlisten = await db.connection().execute(() => client.listen(channel, (payload) => listener.notified(payload)))
      let active = true
      return {
        get listening() {
          return active && !client.closed
        },
        async stop() {
          if (!active) return
          active = false
          if (!client.closed) await db.connection().execute(() => unlisten())
        },
      }
    },
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
