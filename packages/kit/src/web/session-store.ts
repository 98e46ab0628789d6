import type { Request } from 'express'
import session, { type Session, type SessionData } from 'express-session'
import { sql, type ColumnType, type Kysely, type QueryCreator } from 'kysely'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'

export type WebSessionsTable = {
  sid: string
  data: ColumnType<SessionData, string, string>
  expires_at: ColumnType<Date, Date | string, Date | string>
}

export type SessionTables = { web_sessions: WebSessionsTable }

export type SessionStoreOptions<DB extends SessionTables> = {
  db: Kysely<DB>
  clock: Clock
  /** A session nobody has used for this long is gone. */
  idleTimeoutMs: number
  /** Extending a session's life is skipped when it would move by less than this, to spare a write per request. */
  touchAfterMs?: number
  /** Expired sessions are deleted at most this often (on a write), by whichever instance gets there first. */
  pruneEveryMs?: number
  logger?: Logger
}

/** What a session's row holds, as the request holding that session last read or wrote it. */
type StoredRow = { sid: string; expiresAt: number; json?: string }

/**
 * express-session's store over the kit's `web_sessions` table; the same SQL on PGlite and PostgreSQL. Within a request
 * it remembers what the row holds, so it skips statements that would change nothing: a touch that would not move the
 * expiry far enough, and saving the same data twice (express-session saves again at the end of a request whose session
 * was regenerated and saved before a redirect).
 */
export class KyselySessionStore extends session.Store {
  readonly #db: Kysely<SessionTables>
  readonly #clock: Clock
  readonly #idleTimeoutMs: number
  readonly #touchAfterMs: number
  readonly #pruneEveryMs: number
  readonly #logger: Logger | undefined
  #lastPrunedAt = -Infinity
  /** Keyed by the data a read returned, until express-session makes a session of it. */
  readonly #readExpiries = new WeakMap<object, number>()
  /** Keyed by the session object of a request: it lives as long as the request does. */
  readonly #storedRows = new WeakMap<object, StoredRow>()

  constructor(options: SessionStoreOptions<SessionTables>) {
    super()
    this.#db = options.db
    this.#clock = options.clock
    this.#idleTimeoutMs = options.idleTimeoutMs
    this.#touchAfterMs = options.touchAfterMs ?? 60_000
    this.#pruneEveryMs = options.pruneEveryMs ?? 15 * 60_000
    this.#logger = options.logger
  }

  /** A cookie's own expiry when it has one; otherwise the idle timeout from now. */
  #expiryFor(data: SessionData): Date {
    const cookieExpiry = data.cookie?.expires
    if (cookieExpiry) return new Date(cookieExpiry)
    return new Date(this.#clock.now().getTime() + this.#idleTimeoutMs)
  }

  /** The row's expiry would move by at least `touchAfterMs`: the condition extend's UPDATE applies. */
  #dueForExtension(stored: StoredRow | undefined, sid: string, expiresAt: Date): boolean {
    return stored?.sid !== sid || stored.expiresAt < expiresAt.getTime() - this.#touchAfterMs
  }

  async read(sid: string): Promise<SessionData | null> {
    const row = await this.#db
      .selectFrom('web_sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .where('expires_at', '>', this.#clock.now())
      .executeTakeFirst()
    if (!row) return null
    this.#readExpiries.set(row.data, row.expires_at.getTime())
    return row.data
  }

  async write(sid: string, data: SessionData): Promise<void> {
    const json = JSON.stringify(data)
    const expiresAt = this.#expiryFor(data)
    const stored = this.#storedRows.get(data)
    if (stored?.json === json && !this.#dueForExtension(stored, sid, expiresAt)) return
    await this.pruneExpiredIfDue()
    await this.#upsert(this.#db, sid, data, json, expiresAt)
  }

  /** Writes `data` under `sid` and deletes the session it replaces in the same statement: both happen, or neither. */
  async replace(replacedSid: string, sid: string, data: SessionData): Promise<void> {
    const replacing = this.#db.with('replaced', (db) => db.deleteFrom('web_sessions').where('sid', '=', replacedSid))
    await this.#upsert(replacing, sid, data, JSON.stringify(data), this.#expiryFor(data))
  }

  async #upsert(db: QueryCreator<SessionTables>, sid: string, data: SessionData, json: string, expiresAt: Date): Promise<void> {
    await db
      .insertInto('web_sessions')
      .values({ sid, data: json, expires_at: expiresAt })
      .onConflict((conflict) => conflict.column('sid').doUpdateSet({ data: json, expires_at: expiresAt }))
      .execute()
    this.#storedRows.set(data, { sid, expiresAt: expiresAt.getTime(), json })
  }

  /** Moves the expiry of a session still alive; an expired one stays expired. */
  async extend(sid: string, data: SessionData): Promise<void> {
    const expiresAt = this.#expiryFor(data)
    if (!this.#dueForExtension(this.#storedRows.get(data), sid, expiresAt)) return
    await this.#db
      .updateTable('web_sessions')
      .set({ expires_at: expiresAt })
      .where('sid', '=', sid)
      .where('expires_at', '>', this.#clock.now())
      .where('expires_at', '<', new Date(expiresAt.getTime() - this.#touchAfterMs))
      .execute()
  }

  async remove(sid: string): Promise<void> {
    await this.#db.deleteFrom('web_sessions').where('sid', '=', sid).execute()
  }

  /** Deletes every expired session; returns how many. */
  async pruneExpired(): Promise<number> {
    const result = await this.#db.deleteFrom('web_sessions').where('expires_at', '<=', this.#clock.now()).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async pruneExpiredIfDue(): Promise<void> {
    const now = this.#clock.now().getTime()
    if (now - this.#lastPrunedAt < this.#pruneEveryMs) return
    this.#lastPrunedAt = now
    try {
      const deleted = await this.pruneExpired()
      if (deleted > 0) this.#logger?.debug({ deleted }, 'deleted expired sessions')
    } catch (error) {
      // Pruning is housekeeping: failing it must not fail the request that happened to trigger it.
      this.#logger?.warn({ err: error }, 'could not delete expired sessions')
    }
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom('web_sessions')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('expires_at', '>', this.#clock.now())
      .executeTakeFirstOrThrow()
    return row.count
  }

  // express-session's callback interface, over the promise methods above.
  override createSession(req: Request, data: SessionData): Session & SessionData {
    const expiresAt = this.#readExpiries.get(data)
    const created = super.createSession(req, data)
    if (expiresAt !== undefined) this.#storedRows.set(created, { sid: req.sessionID, expiresAt })
    return created
  }

  override get(sid: string, callback: (error: unknown, data?: SessionData | null) => void): void {
    this.read(sid).then((data) => callback(null, data), callback)
  }

  override set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.write(sid, data).then(() => callback?.(), (error) => callback?.(error))
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.remove(sid).then(() => callback?.(), (error) => callback?.(error))
  }

  override touch(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.extend(sid, data).then(() => callback?.(), (error) => callback?.(error))
  }

  override length(callback: (error: unknown, length?: number) => void): void {
    this.count().then((count) => callback(null, count), callback)
  }

  override clear(callback?: (error?: unknown) => void): void {
    this.#db.deleteFrom('web_sessions').execute().then(() => callback?.(), (error) => callback?.(error))
  }
}

/** Accepts any service database whose schema includes the kit's tables. */
export function createSessionStore<DB extends SessionTables>(options: SessionStoreOptions<DB>): KyselySessionStore {
  return new KyselySessionStore({ ...options, db: options.db as unknown as Kysely<SessionTables> })
}
