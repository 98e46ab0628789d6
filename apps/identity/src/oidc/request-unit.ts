import { AsyncLocalStorage } from 'node:async_hooks'
import type { IdentityEvent } from '../events/record-event.ts'

/**
 * What one provider request has read and is about to write. oidc-provider asks its adapter for one thing at a time
 * (a token, then its grant, then its session, then the person; then a save, a consume, another save...), which would
 * be a round trip to the database each. Within a request (see `requestUnits`):
 *
 * - a token is read together with its grant, the session it is bound to and the person's claims, and those reads are
 *   then answered from here;
 * - writes wait until the response is ready and go to the database together, in one statement, before the response
 *   leaves: the request's tokens, codes and sessions, and the events recording them, are stored all or nothing. A
 *   consumption of a code or refresh token in that statement is conditional, and if another request consumed it
 *   first nothing is stored, the grant is revoked and the client gets invalid_grant instead of the tokens (exactly as
 *   when the consumption was its own statement).
 *
 * Outside a provider request (the journey's calls through the seam, tests of the adapter) every call goes to the
 * database at once.
 */
export type RequestUnit = {
  /** Upserts and deletes waiting for the end of the request, by `model:id`; the last one for a key wins. */
  writes: Map<string, PendingWrite>
  /** Codes and refresh tokens to consume, conditionally, with the writes. */
  consumes: Array<{ model: string; id: string }>
  /** Events about what the writes do, stored with them (so never without them). */
  events: IdentityEvent[]
  /** Answers already read in this request: a payload, or null for "there is none". */
  reads: Map<string, unknown>
  /** The flush running now, so two never overlap. */
  flushing?: Promise<void> | undefined
}

export type PayloadRow = {
  model: string
  id: string
  /** JSON text. */
  payload: string
  grant_id: string | null
  uid: string | null
  user_code: string | null
  expires_at: Date | null
  consumed_at: Date | null
}

export type PendingWrite = { kind: 'upsert'; row: PayloadRow } | { kind: 'delete'; model: string; id: string }

const units = new AsyncLocalStorage<RequestUnit>()

export const writeKey = (model: string, id: string) => `${model}:${id}`
export const uidKey = (model: string, uid: string) => `${model}#uid:${uid}`
export const accountKey = (accountId: string) => `account:${accountId}`

/** The unit of the provider request being handled now, if any. */
export function currentUnit(): RequestUnit | undefined {
  return units.getStore()
}

export function newUnit(): RequestUnit {
  return { writes: new Map(), consumes: [], events: [], reads: new Map() }
}

/** Runs `work` (a provider request) with `unit` as its unit: what it reads and writes through the adapter goes there. */
export function withUnit<T>(unit: RequestUnit, work: () => Promise<T>): Promise<T> {
  return units.run(unit, work)
}

export function hasPendingWork(unit: RequestUnit): boolean {
  return unit.writes.size > 0 || unit.consumes.length > 0 || unit.events.length > 0
}
