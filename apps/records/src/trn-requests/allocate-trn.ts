import { sql, type Kysely } from 'kysely'
import type { RecordsSchema } from '../database/schema.ts'

export type TrnRange = { from: number; to: number }

export class TrnRangesExhaustedError extends Error {
  constructor() {
    super('Every configured TRN range has been used up')
    this.name = 'TrnRangesExhaustedError'
  }
}

/** Parses "2000000-2999999,3500000-3599999". */
export function parseTrnRanges(text: string): TrnRange[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const bounds = /^(\d{1,7})-(\d{1,7})$/.exec(part)
      if (!bounds) throw new Error(`TRN range "${part}" must look like 2000000-2999999`)
      const range = { from: Number(bounds[1]), to: Number(bounds[2]) }
      if (range.from > range.to) throw new Error(`TRN range "${part}" ends before it starts`)
      return range
    })
}

/** Adds configured ranges that the database does not know yet; never rewinds a range already in use. */
export async function registerTrnRanges(db: Kysely<RecordsSchema>, ranges: TrnRange[]): Promise<void> {
  for (const range of ranges) {
    await db
      .insertInto('trn_ranges')
      .values({ from_trn: range.from, to_trn: range.to, next_trn: range.from })
      .onConflict((oc) => oc.column('from_trn').doNothing())
      .execute()
  }
}

export function formatTrn(value: number): string {
  return String(value).padStart(7, '0')
}

/**
 * Takes the lock that serialises TRN allocation. Call it inside the transaction that will insert the new
 * person, before deciding that the person is new, so two requests for one new person cannot both get a TRN.
 */
export async function lockTrnAllocation(trx: Kysely<RecordsSchema>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('trn_allocation'))`.execute(trx)
}

/**
 * The next unused TRN from the lowest range that has numbers left. Must run in a transaction after
 * `lockTrnAllocation`. Numbers already taken (imported records) are skipped; a TRN is never handed out twice.
 */
export async function allocateTrn(trx: Kysely<RecordsSchema>): Promise<string> {
  for (;;) {
    const range = await trx
      .selectFrom('trn_ranges')
      .selectAll()
      .where('is_exhausted', '=', false)
      .orderBy('from_trn')
      .limit(1)
      .forUpdate()
      .executeTakeFirst()
    if (!range) throw new TrnRangesExhaustedError()
    const candidate = range.next_trn
    await trx
      .updateTable('trn_ranges')
      .set({ next_trn: candidate + 1, is_exhausted: candidate + 1 > range.to_trn })
      .where('from_trn', '=', range.from_trn)
      .execute()
    if (candidate > range.to_trn) continue
    const trn = formatTrn(candidate)
    const taken = await trx.selectFrom('persons').select('trn').where('trn', '=', trn).executeTakeFirst()
    if (!taken) return trn
  }
}
