import type { Kysely } from 'kysely'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'
export const LIST_TYPES = [
  'pp50_school',
  'pp50_further_education',
  'childminder',
  'disadvantaged_early_years_school',
  'local_authority_nursery',
  'rise_school',
] as const
export type ListType = (typeof LIST_TYPES)[number]
export type IdentifierType = 'urn' | 'ukprn'

export type EligibilityListEntriesTable = { list_type: ListType; identifier_type: IdentifierType; identifier: string }
export type EligibilityListTables = { eligibility_list_entries: EligibilityListEntriesTable }

/** Lets these functions take any service database whose schema includes these tables (Kysely cannot narrow one itself). */
export function listsDb<DB extends EligibilityListTables>(db: DatabaseOrTransaction<DB>): Kysely<EligibilityListTables> {
  return db as unknown as Kysely<EligibilityListTables>
}
