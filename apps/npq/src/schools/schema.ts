import type { ColumnType, Kysely } from 'kysely'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export const SCHOOL_STATUSES = ['open', 'closed', 'proposed_to_open'] as const
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number]

export type SchoolsTable = {
  urn: string
  name: string
  search_name: string
  la_code: string
  la_name: string
  establishment_type_code: string
  establishment_type_name: string
  establishment_status_code: string
  status: SchoolStatus
  phase_of_education: string | null
  ukprn: string | null
  address_1: string | null
  address_2: string | null
  address_3: string | null
  town: string | null
  county: string | null
  postcode: string | null
  number_of_pupils: number | null
  open_date: string | null
  close_date: string | null
  last_changed_date: string
  created_at: Timestamp
  updated_at: Timestamp
}

export type SchoolTables = { schools: SchoolsTable }

/** Lets these functions take any service database whose schema includes these tables (Kysely cannot narrow one itself). */
export function schoolsDb<DB extends SchoolTables>(db: DatabaseOrTransaction<DB>): Kysely<SchoolTables> {
  return db as unknown as Kysely<SchoolTables>
}
