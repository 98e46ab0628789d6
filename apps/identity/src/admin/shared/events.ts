import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../../database/schema.ts'
import { recordEvent, type AdminEventType, type IdentityEvent } from '../../events/record-event.ts'
import type { AdminSchema } from '../schema.ts'

/** A member of staff acting; events name them by id (`staff:<id>`) and keep the address they had then. */
export type StaffActor = { id: string; email: string }

export const staffActor = (staff: StaffActor): string => `staff:${staff.id}`

export type AdminEvent = Omit<IdentityEvent, 'type' | 'actor'> & {
  type: AdminEventType
  /** The member of staff, or another actor (`cli`, `seed`) when no one signed in acted. */
  by: StaffActor | string
}

/** The service's own `recordEvent`, for the console's event types, in the caller's transaction. */
export async function recordAdminEvent(db: Kysely<AdminSchema> | Kysely<IdentitySchema>, event: AdminEvent): Promise<void> {
  const { by, type, details, ...rest } = event
  const actor = typeof by === 'string' ? by : staffActor(by)
  const staff = typeof by === 'string' ? {} : { staff: { id: by.id, email: by.email } }
  await recordEvent(db as Kysely<IdentitySchema>, { ...rest, type, actor, details: { ...staff, ...details } })
}
