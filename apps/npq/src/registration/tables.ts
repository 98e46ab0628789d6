import type { Kysely, Transaction } from 'kysely'
import type { NpqSchema } from '../database/schema.ts'

/** Every table the registration reads or writes: its own, and the reference data (the service's whole schema). */
export type RegistrationTables = NpqSchema

export type RegistrationDb = Kysely<RegistrationTables> | Transaction<RegistrationTables>

/**
 * The same database as the reference data modules see it: each declares only its own tables, and Kysely's types
 * do not let a database with more tables stand in for one with fewer.
 */
export function reference(db: RegistrationDb): Kysely<never> {
  return db as unknown as Kysely<never>
}
