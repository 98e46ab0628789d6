import type { ColumnType, Kysely } from 'kysely'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type IttProvidersTable = {
  legal_name: string
  operating_name: string
  approved: boolean
  created_at: Timestamp
  updated_at: Timestamp
}

export type IttProviderTables = { itt_providers: IttProvidersTable }

/** Lets these functions take any service database whose schema includes these tables (Kysely cannot narrow one itself). */
export function ittDb<DB extends IttProviderTables>(db: DatabaseOrTransaction<DB>): Kysely<IttProviderTables> {
  return db as unknown as Kysely<IttProviderTables>
}
