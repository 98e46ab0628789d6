import type { ColumnType, Generated, Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'
import type { SupportTicketsTable } from '../support-tickets/schema.ts'
import type { WebhookTables } from '../webhooks/schema.ts'

export const STAFF_ROLES = ['support', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** migrations/0006_staff.sql */
export type StaffUsersTable = {
  id: Generated<string>
  email: string
  name: string
  roles: StaffRole[]
  active: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

/** Everything the support console reads and changes: the service's tables, the tickets, the webhooks and the staff. */
export type AdminSchema = IdentitySchema & WebhookTables & { support_tickets: SupportTicketsTable; staff_users: StaffUsersTable }

/** The service's schema type does not list the staff, ticket or webhook tables (migrations 0004 to 0006); this adds them. */
export function adminDb(db: Kysely<IdentitySchema> | Kysely<AdminSchema>): Kysely<AdminSchema> {
  return db as unknown as Kysely<AdminSchema>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids come from URLs: anything that is not a uuid is simply not found, never a database error. */
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value)
