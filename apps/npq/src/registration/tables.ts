import type { Kysely, Transaction } from 'kysely'
import type { CatalogueTables } from '../catalogue/schema.ts'
import type { ChildcareProviderTables } from '../childcare-providers/schema.ts'
import type { NpqSchema } from '../database/schema.ts'
import type { EligibilityListTables } from '../eligibility-lists/schema.ts'
import type { IttProviderTables } from '../itt-providers/schema.ts'
import type { SchoolTables } from '../schools/schema.ts'

/** Every table the registration reads or writes: its own, and the reference data. */
export type RegistrationTables = NpqSchema & CatalogueTables & SchoolTables & EligibilityListTables & ChildcareProviderTables & IttProviderTables

export type RegistrationDb = Kysely<RegistrationTables> | Transaction<RegistrationTables>

// database/schema.ts does not (yet) list the reference data tables, which migration 0002 creates.
export function registrationDb(db: Kysely<NpqSchema>): Kysely<RegistrationTables> {
  return db as unknown as Kysely<RegistrationTables>
}

/**
 * The same database as the reference data modules see it: each declares only its own tables, and Kysely's types
 * do not let a database with more tables stand in for one with fewer.
 */
export function reference(db: RegistrationDb): Kysely<never> {
  return db as unknown as Kysely<never>
}
