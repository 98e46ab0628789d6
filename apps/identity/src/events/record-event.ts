import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'

export type IdentityEvent = {
  type:
    | 'client_added'
    | 'user_signed_in'
    | 'consent_granted'
    | 'signing_key_created'
    | 'signing_key_removed'
    | 'user_registered'
    | 'user_email_changed'
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
