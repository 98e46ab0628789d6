import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { NotificationListener, Subscription } from '../../../../packages/kit/src/database.ts'
import type { ClientRow, IdentitySchema } from '../database/schema.ts'

/** Sent by the `clients_changed` trigger (migration 0003) with the client id, or '' after a truncate. */
export const CLIENTS_CHANGED_CHANNEL = 'identity_clients_changed'

/**
 * How long a cached client is trusted without a notification. Changes normally arrive within milliseconds through
 * LISTEN/NOTIFY; this bounds the damage should a notification go missing without the connection noticing.
 */
export const CLIENT_CACHE_TTL_MS = 30_000

/** More client ids than any deployment registers: beyond this, unknown ids (probing) cannot grow the cache. */
const MOST_ENTRIES = 1000

export type ClientLookup = {
  /** The active (not disabled) client with this id, or undefined. */
  find(clientId: string): Promise<ClientRow | undefined>
  /** Forgets every cached client. */
  clear(): void
  stop(): Promise<void>
}

type Entry = { row: ClientRow | undefined; loadedAt: number }

export type ClientCacheOptions = {
  /** Reads one active client from the database. */
  load(clientId: string): Promise<ClientRow | undefined>
  clock: Pick<Clock, 'now'>
  /** Subscribes to the clients_changed notifications (Database.listen); without it, nothing is cached. */
  listen?: (channel: string, listener: NotificationListener) => Promise<Subscription>
  ttlMs?: number
}

/**
 * Clients are read on almost every protocol request (authorization, token, userinfo, introspection) and change only
 * when an operator changes them, so each process keeps them in memory. Every change to the `clients` table notifies
 * every instance (a trigger, LISTEN/NOTIFY), which forgets that client at once: a disabled client or a replaced secret
 * stops working everywhere within moments. While the notifications cannot arrive (the listening connection is down or
 * just came back) nothing is cached, and nothing cached is older than the TTL.
 */
export async function createClientCache(options: ClientCacheOptions): Promise<ClientLookup> {
  const ttlMs = options.ttlMs ?? CLIENT_CACHE_TTL_MS
  const entries = new Map<string, Entry>()
  const loading = new Map<string, Promise<ClientRow | undefined>>()
  /** Bumped by every notification: a load that started before one may have read the old row, so it is not kept. */
  let generation = 0

  const forget = (clientId: string) => {
    generation++
    entries.delete(clientId)
    loading.delete(clientId)
  }
  const clear = () => {
    generation++
    entries.clear()
    loading.clear()
  }

  const subscription = options.listen
    ? await options.listen(CLIENTS_CHANGED_CHANNEL, {
        notified: (clientId) => (clientId ? forget(clientId) : clear()),
        missed: clear,
      })
    : undefined

  function load(clientId: string): Promise<ClientRow | undefined> {
    const startedIn = generation
    const pending = options.load(clientId).then((row) => {
      if (loading.get(clientId) === pending) loading.delete(clientId)
      if (generation === startedIn && subscription?.listening) {
        if (entries.size >= MOST_ENTRIES) entries.delete(entries.keys().next().value as string)
        entries.set(clientId, { row, loadedAt: options.clock.now().getTime() })
      }
      return row
    })
    pending.catch(() => {
      if (loading.get(clientId) === pending) loading.delete(clientId)
    })
    loading.set(clientId, pending)
    return pending
  }

  return {
    async find(clientId) {
      if (!subscription?.listening) return options.load(clientId)
      const entry = entries.get(clientId)
      const age = entry ? options.clock.now().getTime() - entry.loadedAt : Infinity
      if (entry && age >= 0 && age < ttlMs) return entry.row
      return loading.get(clientId) ?? load(clientId)
    },
    clear,
    async stop() {
      clear()
      await subscription?.stop()
    },
  }
}

/** The active client with this id straight from the table. */
export async function loadActiveClient(db: Kysely<IdentitySchema>, clientId: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('client_id', '=', clientId).where('disabled_at', 'is', null).executeTakeFirst()
}
