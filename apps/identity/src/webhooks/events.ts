import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEvent, type IdentityEvent, type WebhookEventType } from '../events/record-event.ts'
import type { IdentityDb } from './schema.ts'

/** The service's own `recordEvent`, for this folder's event types, on the webhooks' view of the database. */
export function recordWebhookEvent(db: IdentityDb, event: Omit<IdentityEvent, 'type'> & { type: WebhookEventType }): Promise<void> {
  return recordEvent(db as Kysely<IdentitySchema>, event)
}
