import type { ColumnType, Kysely } from 'kysely'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type PrivateChildcareProvidersTable = {
  provider_urn: string
  name: string
  provider_type: string | null
  provider_status: string | null
  early_years_register: boolean
  address_1: string | null
  address_2: string | null
  address_3: string | null
  town: string | null
  postcode: string | null
  local_authority: string | null
  region: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type ChildcareProviderTables = { private_childcare_providers: PrivateChildcareProvidersTable }

/** Lets these functions take any service database whose schema includes these tables (Kysely cannot narrow one itself). */
export function providersDb<DB extends ChildcareProviderTables>(db: DatabaseOrTransaction<DB>): Kysely<ChildcareProviderTables> {
  return db as unknown as Kysely<ChildcareProviderTables>
}
