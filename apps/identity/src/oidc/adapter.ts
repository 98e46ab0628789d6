import { CompiledQuery, type Kysely } from 'kysely'
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { findClientMetadata, type ClientSource } from '../clients/clients.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { mergedUserIdsOf } from '../users/users.ts'
import { recordEvent, type IdentityEvent } from '../events/record-event.ts'
import { accountKey, currentUnit, uidKey, writeKey, type PayloadRow, type RequestUnit } from './request-unit.ts'

/** Models whose single use protects a grant: using one twice is a replay, and the whole grant is revoked. */
const GRANT_SOURCES = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode'])

/** Tokens read with what oidc-provider asks for next: their grant, the session they are bound to and the person. */
const TOKENS = new Set(['AccessToken', 'RefreshToken', 'AuthorizationCode'])

/** Read with the claims of the person they name: tokens, and the interaction that has just signed someone in. */
const READ_WITH_CONTEXT = new Set([...TOKENS, 'Interaction'])

/** Written at once even within a request: a replayed client assertion must be seen by a request running alongside. */
const NEVER_DEFERRED = new Set(['ReplayDetection'])

type Db = Kysely<IdentitySchema>
type Options = { db: Db; clock: Clock; clients?: ClientSource }

/**
 * Stores every oidc-provider model in PostgreSQL (or PGlite), so nothing lives in one process's memory.
 * Expiry uses the injected clock; expired rows are never returned and `pruneExpiredPayloads` deletes them.
 * Within a provider request, reads and writes go through the request's unit (request-unit.ts).
 */
export function createAdapterFactory(options: Options): (model: string) => Adapter {
  return (model) => (model === 'Client' ? clientAdapter(options.clients ?? options.db) : payloadAdapter(model, options))
}

const payloadOf = (row: { payload: unknown } | undefined) => (row ? (row.payload as AdapterPayload) : undefined)

// The statements every protocol request runs are written out here rather than built with Kysely each time: the same
// text each time (one prepared statement), and no query building on the way.
const LIVE = '(expires_at is null or expires_at > $3)'
const FIND_BY_ID = `select payload from oidc_payloads where model = $1 and id = $2 and ${LIVE}`
const FIND_BY_UID = `select payload from oidc_payloads where model = $1 and uid = $2 and ${LIVE}`
const copy = <T>(value: T): T => (value === null || value === undefined ? value : structuredClone(value))

function payloadAdapter(model: string, options: Options): Adapter {
  const { db, clock } = options
  const live = () =>
    db
      .selectFrom('oidc_payloads')
      .select('payload')
      .where('model', '=', model)
      .where((where) => where.or([where('expires_at', 'is', null), where('expires_at', '>', clock.now())]))

  const findNow = async (id: string) => payloadOf((await db.executeQuery(CompiledQuery.raw(FIND_BY_ID, [model, id, clock.now()]))).rows[0] as { payload: unknown } | undefined)
  const findByUidNow = async (uid: string) => payloadOf((await db.executeQuery(CompiledQuery.raw(FIND_BY_UID, [model, uid, clock.now()]))).rows[0] as { payload: unknown } | undefined)
  const consumePending = (unit: RequestUnit, id: string) => unit.consumes.some((consume) => consume.model === model && consume.id === id)

  return {
    async upsert(id, payload, expiresIn) {
      const now = clock.now()
      const row: PayloadRow = {
        model,
        id,
        // As text at once: what is written is the payload as it is now, whatever becomes of the object later.
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: typeof expiresIn === 'number' ? new Date(now.getTime() + expiresIn * 1000) : null,
        consumed_at: payload.consumed ? now : null,
      }
      const unit = currentUnit()
      if (!unit || NEVER_DEFERRED.has(model)) {
        await writeNow(db, { upserts: [row] }, now)
        return
      }
      if (consumePending(unit, id)) await flushUnit(unit, options)
      unit.writes.set(writeKey(model, id), { kind: 'upsert', row })
      forgetReads(unit, model, id)
    },

    async find(id) {
      const unit = currentUnit()
      if (!unit) return findNow(id)
      if (consumePending(unit, id)) await flushUnit(unit, options)
      const key = writeKey(model, id)
      const pending = unit.writes.get(key)
      if (pending) {
        if (pending.kind === 'delete') return undefined
        const expiresAt = pending.row.expires_at
        return expiresAt && expiresAt.getTime() <= clock.now().getTime() ? undefined : (JSON.parse(pending.row.payload) as AdapterPayload)
      }
      if (unit.reads.has(key)) return (copy(unit.reads.get(key)) ?? undefined) as AdapterPayload | undefined
      const found = READ_WITH_CONTEXT.has(model) ? await findWithContext(db, clock, unit, model, id) : await findNow(id)
      unit.reads.set(key, found ?? null)
      return copy(found)
    },

    async findByUid(uid) {
      const unit = currentUnit()
      if (!unit) return findByUidNow(uid)
      if ([...unit.writes.values()].some((write) => (write.kind === 'upsert' ? write.row.model : write.model) === model)) await flushUnit(unit, options)
      const key = uidKey(model, uid)
      if (unit.reads.has(key)) return (copy(unit.reads.get(key)) ?? undefined) as AdapterPayload | undefined
      const found = await findByUidNow(uid)
      unit.reads.set(key, found ?? null)
      return copy(found)
    },

    async findByUserCode(userCode) {
      return payloadOf(await live().where('user_code', '=', userCode).executeTakeFirst())
    },

    async consume(id) {
      const unit = currentUnit()
      if (!unit) return consumeNow(db, clock, model, id)
      if (unit.writes.has(writeKey(model, id))) await flushUnit(unit, options)
      unit.consumes.push({ model, id })
      unit.reads.delete(writeKey(model, id))
    },

    async destroy(id) {
      const unit = currentUnit()
      if (!unit) {
        await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute()
        return
      }
      if (consumePending(unit, id)) await flushUnit(unit, options)
      unit.writes.set(writeKey(model, id), { kind: 'delete', model, id })
      forgetReads(unit, model, id)
    },

    async revokeByGrantId(grantId) {
      const unit = currentUnit()
      if (unit) {
        await flushUnit(unit, options)
        unit.reads.clear()
      }
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('grant_id', '=', grantId).execute()
    },
  }
}

/** What was read of a model before a write to it may be out of date: the row itself, and any look-up by uid. */
function forgetReads(unit: RequestUnit, model: string, id: string) {
  unit.reads.delete(writeKey(model, id))
  const uidPrefix = uidKey(model, '')
  for (const key of unit.reads.keys()) if (key.startsWith(uidPrefix)) unit.reads.delete(key)
}

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

/**
 * A token together with its grant, the session it is bound to (only when it ends with the session) and the claims of
 * its person, or an interaction with the claims of the person it signed in: one round trip where oidc-provider would
 * make up to four. The extras are kept in the request's unit for the questions that follow.
 */
const ACCOUNT_CLAIMS = `case when u.sub is null then null else json_build_object(
  'sub', u.sub, 'email', u.email, 'email_verified', u.email_verified, 'given_name', u.given_name, 'middle_name', u.middle_name,
  'family_name', u.family_name, 'preferred_name', u.preferred_name, 'birthdate', u.birthdate, 'trn', u.trn,
  'trn_lookup_status', u.trn_lookup_status, 'trn_verification_level', u.trn_verification_level,
  'merged_user_ids', ${mergedUserIdsOf('u')}) end`
// A merged account is nobody's: its tokens and sessions find no person, so they stop working.
const personJoin = (accountId: string) =>
  `left join users u on u.sub = case when ${accountId} ~ $4 then (${accountId})::uuid end and u.merged_into is null`
const FIND_TOKEN_WITH_CONTEXT = `
  select t.payload, g.payload as grant_payload, s.payload as session_payload, ${ACCOUNT_CLAIMS} as account
  from oidc_payloads t
  left join oidc_payloads g on g.model = 'Grant' and g.id = t.grant_id and (g.expires_at is null or g.expires_at > $3)
  left join oidc_payloads s on t.payload->>'expiresWithSession' = 'true' and s.model = 'Session' and s.uid = t.payload->>'sessionUid'
    and (s.expires_at is null or s.expires_at > $3)
  ${personJoin("t.payload->>'accountId'")}
  where t.model = $1 and t.id = $2 and (t.expires_at is null or t.expires_at > $3)`
const FIND_INTERACTION_WITH_CONTEXT = `
  select t.payload, null as grant_payload, null as session_payload, ${ACCOUNT_CLAIMS} as account
  from oidc_payloads t
  ${personJoin("coalesce(t.payload #>> '{result,login,accountId}', t.payload #>> '{session,accountId}')")}
  where t.model = $1 and t.id = $2 and (t.expires_at is null or t.expires_at > $3)`

type WithContext = { payload: AdapterPayload; grant_payload: AdapterPayload | null; session_payload: AdapterPayload | null; account: Record<string, unknown> | null }

/**
 * A token together with its grant, the session it is bound to (only when it ends with the session) and the claims of
 * its person, or an interaction with the claims of the person it signed in: one round trip where oidc-provider would
 * make up to four. The extras are kept in the request's unit for the questions that follow.
 */
async function findWithContext(db: Db, clock: Clock, unit: RequestUnit, model: string, id: string): Promise<AdapterPayload | undefined> {
  const token = TOKENS.has(model)
  const query = CompiledQuery.raw(token ? FIND_TOKEN_WITH_CONTEXT : FIND_INTERACTION_WITH_CONTEXT, [model, id, clock.now(), UUID_PATTERN])
  const row = (await db.executeQuery(query)).rows[0] as WithContext | undefined
  if (!row) return undefined
  const payload = row.payload as AdapterPayload & { result?: { login?: { accountId?: unknown } }; session?: { accountId?: unknown } }
  if (token && typeof payload.grantId === 'string') unit.reads.set(writeKey('Grant', payload.grantId), row.grant_payload)
  if (token && payload.expiresWithSession === true && typeof payload.sessionUid === 'string') unit.reads.set(uidKey('Session', payload.sessionUid), row.session_payload)
  const person = token ? payload.accountId : (payload.result?.login?.accountId ?? payload.session?.accountId)
  if (typeof person === 'string') unit.reads.set(accountKey(person), row.account)
  return payload
}

/** Conditional, so two instances redeeming the same code or refresh token at the same moment cannot both succeed. */
async function consumeNow(db: Db, clock: Clock, model: string, id: string): Promise<void> {
  const ok = await writeNow(db, { consumes: [{ model, id }] }, clock.now())
  if (!ok) await refuseReplay(db, [{ model, id }])
}

/** Revokes the grants of the codes or refresh tokens that were used already, and refuses the request. */
async function refuseReplay(db: Db, consumes: Array<{ model: string; id: string }>): Promise<never> {
  for (const { model, id } of consumes) {
    if (!GRANT_SOURCES.has(model)) continue
    const row = await db.selectFrom('oidc_payloads').select('grant_id').where('model', '=', model).where('id', '=', id).executeTakeFirst()
    if (row?.grant_id) await revokeWholeGrant(db, row.grant_id)
  }
  const refreshToken = consumes.some((consume) => consume.model === 'RefreshToken')
  throw new errors.InvalidGrant(`${refreshToken ? 'refresh token' : 'grant'} already used`)
}

/**
 * Writes the request's unit to the database in one statement; throws InvalidGrant (after revoking the grant) when a
 * code or refresh token it consumes was consumed by someone else first, in which case nothing else is written either.
 */
export async function flushUnit(unit: RequestUnit, options: { db: Db; clock: Clock }): Promise<void> {
  const previous = unit.flushing
  const run = (async () => {
    await previous?.catch(() => undefined)
    const writes = [...unit.writes.values()]
    const { consumes, events } = unit
    unit.writes = new Map()
    unit.consumes = []
    unit.events = []
    if (writes.length === 0 && consumes.length === 0 && events.length === 0) return
    const upserts = writes.flatMap((write) => (write.kind === 'upsert' ? [write.row] : []))
    const deletes = writes.flatMap((write) => (write.kind === 'delete' ? [{ model: write.model, id: write.id }] : []))
    const ok = await writeNow(options.db, { upserts, deletes, consumes, events }, options.clock.now())
    if (!ok) await refuseReplay(options.db, consumes)
  })()
  unit.flushing = run
  try {
    await run
  } finally {
    if (unit.flushing === run) unit.flushing = undefined
  }
}

/** The text of the write statement for so many consumptions, upserts, deletes and events; its parameters follow that order. */
const writeStatements = new Map<string, string>()
function writeStatement(consumes: number, upserts: number, deletes: number, events: number): string {
  const shape = `${consumes}/${upserts}/${deletes}/${events}`
  let text = writeStatements.get(shape)
  if (text !== undefined) return text
  let next = 1
  const parameter = (cast: string) => `$${next++}::${cast}`
  const keys = (count: number) => Array.from({ length: count }, () => `(${parameter('text')}, ${parameter('text')})`).join(', ')
  const parts: string[] = []
  if (consumes > 0) {
    const now = parameter('timestamptz')
    const seconds = parameter('bigint')
    parts.push(`consumed as (update oidc_payloads set consumed_at = ${now}, payload = payload || jsonb_build_object('consumed', ${seconds})
      where (model, id) in (${keys(consumes)}) and consumed_at is null returning 1)`)
    parts.push(`allowed as (select count(*) = ${consumes} as ok from consumed)`)
  }
  const allowed = consumes > 0 ? '(select ok from allowed)' : 'true'
  if (upserts > 0) {
    const rows = Array.from(
      { length: upserts },
      () => `(${['text', 'text', 'jsonb', 'text', 'text', 'text', 'timestamptz', 'timestamptz'].map(parameter).join(', ')})`,
    )
    parts.push(`upserted as (insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
      select * from (values ${rows.join(', ')}) as v where ${allowed}
      on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
        user_code = excluded.user_code, expires_at = excluded.expires_at, consumed_at = excluded.consumed_at
      returning 1)`)
  }
  if (deletes > 0) parts.push(`deleted as (delete from oidc_payloads where (model, id) in (${keys(deletes)}) and ${allowed} returning 1)`)
  if (events > 0) {
    const rows = Array.from({ length: events }, () => `(${['text', 'text', 'uuid', 'text', 'timestamptz', 'jsonb'].map(parameter).join(', ')})`)
    parts.push(`recorded as (insert into events (event_type, actor, user_sub, client_id, occurred_at, details)
      select * from (values ${rows.join(', ')}) as v where ${allowed}
      returning 1)`)
  }
  text = `with ${parts.join(',\n')}\nselect ${allowed} as ok`
  writeStatements.set(shape, text)
  return text
}

type Writes = { upserts?: PayloadRow[]; deletes?: Array<{ model: string; id: string }>; consumes?: Array<{ model: string; id: string }>; events?: IdentityEvent[] }

/**
 * Upserts, deletes, conditional consumptions and events as one statement, so they happen together or not at all: when
 * any consumption finds its row used already, nothing is written. Returns whether every consumption succeeded.
 */
async function writeNow(db: Db, { upserts = [], deletes = [], consumes = [], events = [] }: Writes, now: Date): Promise<boolean> {
  const parameters: unknown[] = []
  if (consumes.length > 0) {
    parameters.push(now, Math.floor(now.getTime() / 1000))
    for (const { model, id } of consumes) parameters.push(model, id)
  }
  for (const row of upserts) parameters.push(row.model, row.id, row.payload, row.grant_id, row.uid, row.user_code, row.expires_at, row.consumed_at)
  for (const { model, id } of deletes) parameters.push(model, id)
  for (const event of events) {
    parameters.push(event.type, event.actor, event.userSub ?? null, event.clientId ?? null, event.occurredAt, JSON.stringify(event.details ?? {}))
  }
  const result = await db.executeQuery(CompiledQuery.raw(writeStatement(consumes.length, upserts.length, deletes.length, events.length), parameters))
  return (result.rows[0] as { ok?: unknown } | undefined)?.ok === true
}

/** Records `event` with the provider request's writes, so it is stored exactly when they are; at once outside a request. */
export async function recordEventWithWrites(db: Db, event: IdentityEvent): Promise<void> {
  const unit = currentUnit()
  if (unit) unit.events.push(event)
  else await recordEvent(db, event)
}

/** Every token issued under a grant, and the grant itself. */
async function revokeWholeGrant(db: Db, grantId: string): Promise<void> {
  await db
    .deleteFrom('oidc_payloads')
    .where((where) => where.or([where('grant_id', '=', grantId), where.and([where('model', '=', 'Grant'), where('id', '=', grantId)])]))
    .execute()
}

/** Clients come from their own table, through the per-process cache that every change to the table clears (client-cache.ts). */
function clientAdapter(clients: ClientSource): Adapter {
  const managedElsewhere = async () => {
    throw new Error('clients are managed with `npm run identity:client`, not through oidc-provider')
  }
  return {
    find: async (clientId) => (await findClientMetadata(clients, clientId)) as AdapterPayload | undefined,
    upsert: managedElsewhere,
    destroy: managedElsewhere,
    consume: managedElsewhere,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    revokeByGrantId: async () => undefined,
  }
}

/** Deletes rows that have expired; run periodically. Expired rows are already invisible, so this only saves space. */
export async function pruneExpiredPayloads(db: Db, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('oidc_payloads').where('expires_at', '<=', clock.now()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
