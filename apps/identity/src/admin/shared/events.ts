import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../../database/schema.ts'
import { recordEvent, type IdentityEvent } from '../../events/record-event.ts'
import type { AdminSchema } from '../schema.ts'

export type AdminEventType =
  | 'staff_signed_in'
  | 'staff_signed_out'
  | 'staff_added'
  | 'staff_updated'
  | 'user_trn_assigned'
  | 'user_trn_lookup_status_changed'
  | 'user_details_corrected'
  | 'user_merged'
  | 'user_merged_into'
  | 'client_updated'
  | 'client_secret_rotated'

/** A member of staff acting; events name them by id (`staff:<id>`) and keep the address they had then. */
export type StaffActor = { id: string; email: string }

export const staffActor = (staff: StaffActor): string => `staff:${staff.id}`

export type AdminEvent = Omit<IdentityEvent, 'type' | 'actor'> & {
  type: AdminEventType
  /** The member of staff, or another actor (`cli`, `seed`) when no one signed in acted. */
  by: StaffActor | string
}

/**
 * The service's own `recordEvent`, for the console's event types, in the caller's transaction. Its type list does not
 * name them (that file belongs to the events module); once it does, the cast can go.
 */
export async function recordAdminEvent(db: Kysely<AdminSchema> | Kysely<IdentitySchema>, event: AdminEvent): Promise<void> {
  const { by, type, details, ...rest } = event
  const actor = typeof by === 'string' ? by : staffActor(by)
  const staff = typeof by === 'string' ? {} : { staff: { id: by.id, email: by.email } }
  await recordEvent(db as Kysely<IdentitySchema>, { ...rest, type: type as string as IdentityEvent['type'], actor, details: { ...staff, ...details } })
}
