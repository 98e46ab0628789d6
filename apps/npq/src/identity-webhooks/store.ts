import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { enqueueJob } from '../../../../packages/kit/src/outbox/jobs.ts'
import type { NpqSchema } from '../database/schema.ts'
import type { Envelope } from './messages.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>

export type IdentityWebhookMessagesTable = {
  id: Generated<number>
  notification_id: string
  message_type: string
  body: Json<Envelope>
  time_utc: Timestamp
  received_at: Timestamp
  processed_at: NullableTimestamp
  outcome: ColumnType<string | null, string | null | undefined, string | null>
  outcome_detail: NullableJson<Record<string, unknown>>
  last_error: ColumnType<string | null, string | null | undefined, string | null>
}

export type IdentityWebhookTables = { identity_webhook_messages: IdentityWebhookMessagesTable }
export type IdentityWebhookMessage = Selectable<IdentityWebhookMessagesTable>
export type WebhookSchema = NpqSchema & IdentityWebhookTables

export const IDENTITY_WEBHOOK_JOB = 'identity_webhook'
export type IdentityWebhookJobPayload = { messageId: number }

/** The service's schema type does not list this folder's table; the migrations create it alongside the others. */
export function webhookDb(db: Kysely<NpqSchema> | Kysely<WebhookSchema>): Kysely<WebhookSchema> {
  return db as unknown as Kysely<WebhookSchema>
}

/**
 * Stores a verified message once and, in the same transaction, queues the job that applies it. A notification id
 * seen before stores and queues nothing: the answer says it was a repeat.
 */
export async function storeMessage(
  trx: Transaction<WebhookSchema>,
  received: { envelope: Envelope; /** The JSON as parsed, before validation: the stored copy is what was sent. */ json: unknown },
  clock: Clock,
): Promise<{ stored: true; messageId: number } | { stored: false; sameBody: boolean }> {
  const { envelope, json } = received
  const inserted = await trx
    .insertInto('identity_webhook_messages')
    .values({
      notification_id: envelope.notificationId,
      message_type: envelope.messageType,
      body: JSON.stringify(json),
      time_utc: new Date(envelope.timeUtc),
      received_at: clock.now(),
    })
    .onConflict((conflict) => conflict.column('notification_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) {
    const existing = await trx.selectFrom('identity_webhook_messages').select('body').where('notification_id', '=', envelope.notificationId).executeTakeFirstOrThrow()
    return { stored: false, sameBody: JSON.stringify(sortKeys(existing.body)) === JSON.stringify(sortKeys(json)) }
  }
  const payload: IdentityWebhookJobPayload = { messageId: inserted.id }
  await enqueueJob(trx, { type: IDENTITY_WEBHOOK_JOB, payload }, clock)
  return { stored: true, messageId: inserted.id }
}

/** jsonb keeps its own key order, so two equal messages are compared with their keys sorted. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}
