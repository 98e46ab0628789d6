import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEvent, type IdentityEvent } from '../events/record-event.ts'
import type { IdentityDb } from './schema.ts'

export type WebhookEventType =
  | 'webhook_subscription_added'
  | 'webhook_subscription_updated'
  | 'webhook_subscription_secret_regenerated'
  | 'webhook_subscription_deleted'
  | 'webhook_delivery_redelivered'

/**
 * The service's own `recordEvent`, for this folder's event types. Its type list does not name them yet (that file
 * belongs to the events module); once it does, this cast can go.
 */
export function recordWebhookEvent(db: IdentityDb, event: Omit<IdentityEvent, 'type'> & { type: WebhookEventType }): Promise<void> {
  return recordEvent(db as Kysely<IdentitySchema>, { ...event, type: event.type as string as IdentityEvent['type'] })
}
