import { sql, type Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEvent } from '../events/record-event.ts'
import { generateSigningKey, type PrivateJwk } from './keys.ts'
import { expiredKeys, keySetAt, type ScheduledKey } from './schedule.ts'

export type RotationSettings = {
  /** Start signing with a fresh key this many days after the current one started; 0 turns automatic rotation off. */
  rotateAfterDays: number
  /** Publish a new key this many hours before it signs anything. */
  publishAheadHours: number
}

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

export async function loadScheduledKeys(db: Kysely<IdentitySchema>): Promise<ScheduledKey[]> {
  const rows = await db.selectFrom('signing_keys').select(['private_jwk', 'activates_at']).execute()
  return rows.map((row) => ({ jwk: row.private_jwk as unknown as PrivateJwk, activatesAt: new Date(row.activates_at) }))
}

/** What, if anything, the stored keys need at `now`: a first key, a scheduled successor, or old keys deleted. */
function maintenanceNeeded(keys: ScheduledKey[], now: Date, settings: RotationSettings): { create?: Date; remove: string[] } {
  const remove = expiredKeys(keys, now)
  if (keys.length === 0) return { create: now, remove }
  const set = keySetAt(keys, now)
  const signing = keys.find((key) => key.jwk.kid === set?.signingKid)
  const hasUpcoming = keys.some((key) => key.activatesAt.getTime() > now.getTime())
  if (!signing || hasUpcoming || settings.rotateAfterDays === 0) return { remove }
  const dueAt = signing.activatesAt.getTime() + settings.rotateAfterDays * DAY_MS
  const publishAheadMs = settings.publishAheadHours * HOUR_MS
  if (now.getTime() < dueAt - publishAheadMs) return { remove }
  return { create: new Date(Math.max(dueAt, now.getTime() + publishAheadMs)), remove }
}

/**
 * Makes sure there is a key to sign with, schedules the next one when rotation is due and deletes keys nobody can need.
 * Every instance calls this; the advisory lock and the check inside it mean only one of them acts.
 */
export async function maintainSigningKeys(db: Kysely<IdentitySchema>, clock: Clock, settings: RotationSettings): Promise<ScheduledKey[]> {
  const stored = await loadScheduledKeys(db)
  const needed = maintenanceNeeded(stored, clock.now(), settings)
  if (!needed.create && needed.remove.length === 0) return stored
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('identity_signing_keys'))`.execute(trx)
    const now = clock.now()
    const current = await loadScheduledKeys(trx)
    const { create, remove } = maintenanceNeeded(current, now, settings)
    if (remove.length > 0) {
      await trx.deleteFrom('signing_keys').where('kid', 'in', remove).execute()
      for (const kid of remove) await recordEvent(trx, { type: 'signing_key_removed', actor: 'system', occurredAt: now, details: { kid, reason: 'retention period over' } })
    }
    if (create) await insertKey(trx, now, create, 'system')
    return loadScheduledKeys(trx)
  })
}

/** Schedules a new signing key: published at once, signing from `activatesAt` (now, for an emergency). */
export async function scheduleSigningKey(db: Kysely<IdentitySchema>, clock: Clock, options: { activatesAt: Date; actor: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('identity_signing_keys'))`.execute(trx)
    return insertKey(trx, clock.now(), options.activatesAt, options.actor)
  })
}

/**
 * Deletes a key at once, so tokens it signed stop verifying: for a key that may have leaked. The key signing now can
 * only be removed once another key is active, so the service is never left without one.
 */
export async function removeSigningKey(db: Kysely<IdentitySchema>, clock: Clock, options: { kid: string; actor: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('identity_signing_keys'))`.execute(trx)
    const now = clock.now()
    const keys = await loadScheduledKeys(trx)
    if (!keys.some((key) => key.jwk.kid === options.kid)) throw new Error(`There is no signing key "${options.kid}".`)
    const remaining = keys.filter((key) => key.jwk.kid !== options.kid)
    if (!remaining.some((key) => key.activatesAt.getTime() <= now.getTime())) {
      throw new Error(`"${options.kid}" is the only active signing key; rotate with --now first, then remove it.`)
    }
    await trx.deleteFrom('signing_keys').where('kid', '=', options.kid).execute()
    await recordEvent(trx, { type: 'signing_key_removed', actor: options.actor, occurredAt: now, details: { kid: options.kid, reason: 'removed by an operator' } })
  })
}

async function insertKey(db: Kysely<IdentitySchema>, now: Date, activatesAt: Date, actor: string): Promise<string> {
  const jwk = generateSigningKey()
  await db.insertInto('signing_keys').values({ kid: jwk.kid, alg: jwk.alg ?? 'RS256', private_jwk: JSON.stringify(jwk), created_at: now, activates_at: activatesAt }).execute()
  await recordEvent(db, { type: 'signing_key_created', actor, occurredAt: now, details: { kid: jwk.kid, activatesAt: activatesAt.toISOString() } })
  return jwk.kid
}
