import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'

// Every kind of event the service records, by the part of it that records them.
type ProviderEventType = 'client_added' | 'consent_granted' | 'signing_key_created' | 'signing_key_removed'
type JourneyEventType = 'user_signed_in' | 'user_registered' | 'user_email_changed' | 'user_trn_verified'
/** support-tickets/ */
export type TicketEventType = 'support_ticket_raised' | 'support_ticket_added_to' | 'support_ticket_closed' | 'support_ticket_moved'
/** webhooks/ */
export type WebhookEventType =
  | 'webhook_subscription_added'
  | 'webhook_subscription_updated'
  | 'webhook_subscription_secret_regenerated'
  | 'webhook_subscription_deleted'
  | 'webhook_delivery_redelivered'
/** The support console and the client API (admin/, api/). */
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

export type IdentityEventType = ProviderEventType | JourneyEventType | TicketEventType | WebhookEventType | AdminEventType

export type IdentityEvent = {
  type: IdentityEventType
  /** Who acted: a person (`user:<sub>`), a client service (`client:<id>`), an operator's command (`cli`), or `system`. */
  actor: string
  userSub?: string
  clientId?: string
  occurredAt: Date
  /** What changed. Never secrets, tokens or private keys. */
  details?: Record<string, unknown>
}

/** Call inside the transaction that makes the change, so a change is never stored without its event. */
export async function recordEvent(db: Kysely<IdentitySchema>, event: IdentityEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      event_type: event.type,
      actor: event.actor,
      user_sub: event.userSub ?? null,
      client_id: event.clientId ?? null,
      occurred_at: event.occurredAt,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute()
}
