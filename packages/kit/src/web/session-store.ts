import session, { type SessionData } from 'express-session'
import { sql, type ColumnType, type Kysely } from 'kysely'
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

/** express-session's store over the kit's `web_sessions` table; the same SQL on PGlite and PostgreSQL. */
export class KyselySessionStore extends session.Store {
  readonly #db: Kysely<SessionTables>
  readonly #clock: Clock
  readonly #idleTimeoutMs: number
  readonly #touchAfterMs: number
  readonly #pruneEveryMs: number
  readonly #logger: Logger | undefined
  #lastPrunedAt = -Infinity

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

  async read(sid: string): Promise<SessionData | null> {
    const row = await this.#db
      .selectFrom('web_sessions')
      .select('data')
      .where('sid', '=', sid)
      .where('expires_at', '>', this.#clock.now())
      .executeTakeFirst()
    return row?.data ?? null
  }

  async write(sid: string, data: SessionData): Promise<void> {
    await this.pruneExpiredIfDue()
    const expiresAt = this.#expiryFor(data)
    await this.#db
      .insertInto('web_sessions')
      .values({ sid, data: JSON.stringify(data), expires_at: expiresAt })
      .onConflict((conflict) => conflict.column('sid').doUpdateSet({ data: JSON.stringify(data), expires_at: expiresAt }))
      .execute()
  }

  /** Moves the expiry of a session still alive; an expired one stays expired. */
  async extend(sid: string, data: SessionData): Promise<void> {
    const expiresAt = this.#expiryFor(data)
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
