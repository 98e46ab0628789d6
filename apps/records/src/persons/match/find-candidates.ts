import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { RecordsSchema } from '../../database/schema.ts'
import type { BlockingKeys, CandidateRecord } from '../../matching/types.ts'

/** Enough for every namesake of a common name on one date of birth; beyond it the matcher treats the name as common. */
export const CANDIDATE_LIMIT = 2000

export type CandidateSearch = { candidates: CandidateRecord[]; truncated: boolean }

function identifierConditions(keys: BlockingKeys): Expression<SqlBool>[] {
  return [
    ...(keys.trn ? [sql<SqlBool>`trn = ${keys.trn}`] : []),
    ...(keys.nationalInsuranceNumber ? [sql<SqlBool>`national_insurance_number = ${keys.nationalInsuranceNumber}`] : []),
    ...(keys.email ? [sql<SqlBool>`email_key = ${keys.email}`] : []),
    ...(keys.datesOfBirth.length > 0 ? [sql<SqlBool>`date_of_birth = any(${sql.val(keys.datesOfBirth)}::date[])`] : []),
  ]
}

/** One indexed query: every active record sharing any blocking key with the query. */
export async function findCandidates(db: Kysely<RecordsSchema>, keys: BlockingKeys): Promise<CandidateSearch> {
  const rows = await db
    .selectFrom('persons')
    .select(['trn', 'first_name', 'middle_name', 'last_name', 'previous_names', 'date_of_birth', 'national_insurance_number', 'email'])
    .where('status', '=', 'active')
    .where((eb) => {
      const byName = keys.nameKeys.length > 0 ? [sql<SqlBool>`name_keys && ${sql.val(keys.nameKeys)}::text[]`] : []
      const anyOf = [...identifierConditions(keys), ...byName]
      return anyOf.length > 0 ? eb.or(anyOf) : sql<SqlBool>`false`
    })
    // If the list must be cut, cut only records found by name alone: never one sharing an identifier or date of birth.
    .orderBy((eb) => {
      const conditions = identifierConditions(keys)
      return conditions.length > 0 ? eb.or(conditions) : sql<SqlBool>`false`
    }, 'desc')
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
