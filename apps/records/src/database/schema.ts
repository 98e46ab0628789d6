import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { Database } from '../../../../packages/kit/src/database.ts'
import type { PreviousName } from '../matching/types.ts'

export type PersonStatus = 'active' | 'deactivated' | 'merged'
export type Sex = 'female' | 'male' | 'other' | 'not_provided'
export const INDUCTION_STATUSES = ['None', 'RequiredToComplete', 'InProgress', 'Passed', 'Failed', 'FailedInWales', 'Exempt'] as const
export type InductionStatus = (typeof INDUCTION_STATUSES)[number]
export const NPQ_TYPES = ['NPQEL', 'NPQLTD', 'NPQLT', 'NPQH', 'NPQML', 'NPQLL', 'NPQEYL', 'NPQSL', 'NPQLBC', 'NPQLPM', 'NPQSENCO'] as const
export type NpqType = (typeof NPQ_TYPES)[number]

export type StoredPreviousName = PreviousName & { stoppedUsingOn: string | null }

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export type PersonsTable = {
  id: Generated<string>
  trn: string
  status: Generated<PersonStatus>
  merged_into_trn: string | null
  first_name: string
  middle_name: string | null
  last_name: string
  previous_names: ColumnType<StoredPreviousName[], string | undefined, string>
  date_of_birth: string | null
  national_insurance_number: string | null
  email: string | null
  sex: Sex | null
  qts_date: string | null
  eyts_date: string | null
  induction_status: Generated<InductionStatus>
  email_key: string | null
  name_keys: ColumnType<string[], string[] | undefined, string[]>
  last_name_keys: ColumnType<string[], string[] | undefined, string[]>
  created_at: Timestamp
  updated_at: Timestamp
}

export type AlertTypesTable = { code: string; name: string; category: string; is_prohibition: boolean }

export type AlertsTable = {
  id: Generated<string>
  person_id: string
  alert_type_code: string
  details: string | null
  start_date: string | null
  end_date: string | null
  created_at: Timestamp
}

export type NpqQualificationsTable = {
  id: Generated<string>
  person_id: string
  npq_type: NpqType
  awarded_on: string
  created_at: Timestamp
}

export type PersonEventsTable = {
  id: Generated<number>
  person_id: string
  event_type: string
  actor: string
  occurred_at: Timestamp
  before: Json<unknown> | null
  after: Json<unknown> | null
}

export type ApiKeysTable = {
  id: Generated<string>
  name: string
  key_hash: string
  roles: string[]
  requests_per_minute: Generated<number>
  created_at: Timestamp
  revoked_at: Date | null
}

export type TrnRangesTable = { from_trn: number; to_trn: number; next_trn: number; is_exhausted: Generated<boolean> }

export type TrnRequestsTable = {
  api_key_id: string
  request_id: string
  request: Json<unknown>
  status: 'pending' | 'completed'
  trn: string | null
  potential_duplicate: boolean
  candidates: Json<unknown>
  created_at: Timestamp
  completed_at: Date | string | null
}

export type RecordsSchema = {
  persons: PersonsTable
  alert_types: AlertTypesTable
  alerts: AlertsTable
  npq_qualifications: NpqQualificationsTable
  person_events: PersonEventsTable
  api_keys: ApiKeysTable
  trn_ranges: TrnRangesTable
  trn_requests: TrnRequestsTable
}

export type RecordsDatabase = Database<RecordsSchema>
export type PersonRow = Selectable<PersonsTable>
export type NewPerson = Insertable<PersonsTable>

export const MIGRATIONS_FOLDER = new URL('../../migrations', import.meta.url).pathname
