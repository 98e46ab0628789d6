import { fileURLToPath } from 'node:url'
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Database } from '../../../../packages/kit/src/database.ts'
import { withKitMigrations, type KitTables } from '../../../../packages/kit/src/migrations.ts'
import type { IdentityWebhookTables } from '../identity-webhooks/store.ts'
import type { ReferenceDataTables } from '../seed/schema.ts'

export const TRN_LOOKUP_STATUSES = ['Found', 'Pending', 'None', 'Failed'] as const
export type TrnLookupStatus = (typeof TRN_LOOKUP_STATUSES)[number]

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export type UsersTable = {
  id: Generated<string>
  sub: string
  email: string
  full_name: string
  preferred_name: string | null
  date_of_birth: string | null
  trn: string | null
  trn_lookup_status: TrnLookupStatus
  trn_verified: Generated<boolean>
  identity_updated_at: Timestamp
  merged_into_user_id: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type RegistrationDraftsTable = {
  user_id: string
  answers: Json<Record<string, unknown>>
  version: Generated<number>
  updated_at: Timestamp
}

export type ApplicationsTable = {
  id: Generated<string>
  user_id: string
  submission_key: string
  cohort_identifier: string
  course_identifier: string
  lead_provider_identifier: string
  work_setting: string | null
  teacher_catchment: 'england' | 'another'
  teacher_catchment_country: string | null
  school_urn: string | null
  private_childcare_provider_urn: string | null
  ukprn: string | null
  kind_of_nursery: string | null
  employment_type: string | null
  employment_role: string | null
  employer_name: string | null
  itt_provider: string | null
  headteacher_status: string | null
  senco_in_role: string | null
  senco_start_date: string | null
  eligible_for_funding: boolean
  funding_eligibility_status_code: string
  funding_rules_version: string | null
  funded_place: boolean | null
  review_status: 'needs_review' | 'awaiting_information' | 'reregister' | 'decision_made' | null
  funding_choice: string | null
  lead_provider_approval_status: Generated<'pending' | 'accepted' | 'rejected'>
  on_submission_trn: string | null
  raw_application_data: Json<Record<string, unknown>>
  created_at: Timestamp
  updated_at: Timestamp
}

export type CoreTables = {
  users: UsersTable
  registration_drafts: RegistrationDraftsTable
  applications: ApplicationsTable
}

export type NpqSchema = KitTables & CoreTables & ReferenceDataTables & IdentityWebhookTables
export type NpqDatabase = Database<NpqSchema>
export type User = Selectable<UsersTable>
export type Application = Selectable<ApplicationsTable>

export const NPQ_MIGRATIONS = withKitMigrations(fileURLToPath(new URL('../../migrations', import.meta.url)))
