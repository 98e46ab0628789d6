import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { RecordsSchema } from '../../database/schema.ts'
import type { BlockingKeys, CandidateRecord } from '../../matching/types.ts'

/** Enough for every namesake of a common name on one date of birth; beyond it the matcher treats the name as common. */
export const CANDIDATE_LIMIT = 2000

export type CandidateSearch = { candidates: CandidateRecord[]; truncated: boolean }

/** One indexed query: every active record sharing any blocking key with the query. */
export async function findCandidates(db: Kysely<RecordsSchema>, keys: BlockingKeys): Promise<CandidateSearch> {
  const rows = await db
    .selectFrom('persons')
    .select(['trn', 'first_name', 'middle_name', 'last_name', 'previous_names', 'date_of_birth', 'national_insurance_number', 'email'])
    .where('status', '=', 'active')
    .where((eb) => {
      const anyOf: Expression<SqlBool>[] = []
      if (keys.trn) anyOf.push(eb('trn', '=', keys.trn))
      if (keys.nationalInsuranceNumber) anyOf.push(eb('national_insurance_number', '=', keys.nationalInsuranceNumber))
      if (keys.email) anyOf.push(eb('email_key', '=', keys.email))
      if (keys.datesOfBirth.length > 0) anyOf.push(sql<SqlBool>`date_of_birth = any(${sql.val(keys.datesOfBirth)}::date[])`)
      if (keys.nameKeys.length > 0) anyOf.push(sql<SqlBool>`name_keys && ${sql.val(keys.nameKeys)}::text[]`)
      return anyOf.length > 0 ? eb.or(anyOf) : sql<SqlBool>`false`
    })
    .limit(CANDIDATE_LIMIT + 1)
    .execute()
  const truncated = rows.length > CANDIDATE_LIMIT
  return {
    truncated,
    candidates: rows.slice(0, CANDIDATE_LIMIT).map((row) => ({
      trn: row.trn,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      previousNames: row.previous_names.map(({ firstName, middleName, lastName }) => ({ firstName, middleName, lastName })),
      dateOfBirth: row.date_of_birth,
      nationalInsuranceNumber: row.national_insurance_number,
      email: row.email,
    })),
  }
}
