import { isDeepStrictEqual } from 'node:util'
import { sql, type Kysely } from 'kysely'
import type { RecordsSchema, Sex } from '../database/schema.ts'
import { recordPersonEvents } from '../events/record-event.ts'
import type { ScoredCandidate } from '../matching/types.ts'
import { matchPerson } from '../persons/match/match-person.ts'
import { toMatchQuery, type PersonDetails } from '../persons/match/match-request.ts'
import { personRow } from '../persons/person-row.ts'
import { allocateTrn, lockTrnAllocation } from './allocate-trn.ts'

export type TrnRequestInput = { requestId: string; person: PersonDetails & { sex?: Sex | undefined } }

export type TrnRequestState = {
  requestId: string
  status: 'pending' | 'completed'
  trn: string | null
  potentialDuplicate: boolean
}

export type TrnRequestOutcome =
  | { kind: 'created'; state: TrnRequestState }
  | { kind: 'repeated'; state: TrnRequestState }
  | { kind: 'conflict' }

type Row = { request_id: string; status: 'pending' | 'completed'; trn: string | null; potential_duplicate: boolean }

const toState = (row: Row): TrnRequestState => ({
  requestId: row.request_id,
  status: row.status,
  trn: row.trn,
  potentialDuplicate: row.potential_duplicate,
})

/**
 * Finds or allocates a TRN for a person. Idempotent per caller and request id: a repeat with the same details
 * returns the first answer; the same id with different details is refused.
 *  - the matcher is sure: the existing TRN;
 *  - plausible duplicates: pending, for a person to decide;
 *  - nobody plausible: a new record with a new TRN.
 */
export async function submitTrnRequest(
  db: Kysely<RecordsSchema>,
  caller: { apiKeyId: string; name: string },
  input: TrnRequestInput,
): Promise<TrnRequestOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`${caller.apiKeyId}/${input.requestId}`}))`.execute(trx)
    const existing = await trx
      .selectFrom('trn_requests')
      .selectAll()
      .where('api_key_id', '=', caller.apiKeyId)
      .where('request_id', '=', input.requestId)
      .executeTakeFirst()
    if (existing) {
      return isDeepStrictEqual(existing.request, JSON.parse(JSON.stringify(input.person))) ? { kind: 'repeated', state: toState(existing) } : { kind: 'conflict' }
    }

    const query = toMatchQuery(input.person)
    let result = await matchPerson(trx, query)
    if (result.outcome === 'none') {
      // Decide "new person" only while holding the allocation lock, so a concurrent request for the same
      // person waits, then finds the record this one creates.
      await lockTrnAllocation(trx)
      result = await matchPerson(trx, query)
    }

    let trn: string | null = null
    let candidates: ScoredCandidate[] = []
    if (result.outcome === 'match') trn = result.trn
    if (result.outcome === 'possible') candidates = result.candidates
    if (result.outcome === 'none') trn = await createPersonWithNewTrn(trx, caller.name, input)

    const row = await trx
      .insertInto('trn_requests')
      .values({
        api_key_id: caller.apiKeyId,
        request_id: input.requestId,
        request: JSON.stringify(input.person),
        status: trn ? 'completed' : 'pending',
        trn,
        potential_duplicate: result.outcome === 'possible',
        candidates: JSON.stringify(candidates),
        completed_at: trn ? new Date() : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return { kind: 'created', state: toState(row) }
  })
}

async function createPersonWithNewTrn(trx: Kysely<RecordsSchema>, callerName: string, input: TrnRequestInput): Promise<string> {
  const trn = await allocateTrn(trx)
  const { person } = input
  const values = personRow({
    trn,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    lastName: person.lastName,
    previousNames: (person.previousLastNames ?? []).map((lastName) => ({ firstName: null, middleName: null, lastName, stoppedUsingOn: null })),
    dateOfBirth: person.dateOfBirth,
    nationalInsuranceNumber: person.nationalInsuranceNumber ?? null,
    email: person.email ?? null,
    sex: person.sex ?? null,
  })
  const created = await trx.insertInto('persons').values(values).returning('id').executeTakeFirstOrThrow()
  await recordPersonEvents(trx, [
    { personId: created.id, type: 'person_created', actor: `api-key:${callerName}`, before: null, after: { ...person, trn, source: 'trn_request', requestId: input.requestId } },
  ])
  return trn
}

export async function getTrnRequest(db: Kysely<RecordsSchema>, apiKeyId: string, requestId: string): Promise<TrnRequestState | undefined> {
  const row = await db.selectFrom('trn_requests').selectAll().where('api_key_id', '=', apiKeyId).where('request_id', '=', requestId).executeTakeFirst()
  return row ? toState(row) : undefined
}
