import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { enqueueJob } from '../../../../packages/kit/src/outbox/jobs.ts'
import { buildEnvelope, changedFields, userPayload, type UserPayloadSource, type WebhookMessages } from './messages.ts'
import { webhookDb, type IdentityDb, type WebhookMessageType } from './schema.ts'

/** The outbox job type of one delivery; its handler is `webhookDeliveryJobHandler` (delivery.ts). */
export const WEBHOOK_DELIVERY_JOB = 'webhook_delivery'
export type WebhookDeliveryJobPayload = { deliveryId: string }

/** A change to a person that client services are told about. */
export type UserEvent =
  | { type: 'UserCreated'; user: UserPayloadSource }
  /** The same user before and after the change; only the fields that differ are sent as `changes`. */
  | { type: 'UserUpdated'; before: UserPayloadSource; after: UserPayloadSource }
  | { type: 'UserMerged'; masterUserId: string; mergedUserId: string }

export type Published = { notificationId: string; messageType: WebhookMessageType; deliveries: number }

function messageOf(event: UserEvent): { type: WebhookMessageType; message: WebhookMessages[WebhookMessageType] } | null {
  switch (event.type) {
    case 'UserCreated':
      return { type: event.type, message: { user: userPayload(event.user) } }
    case 'UserUpdated': {
      const after = userPayload(event.after)
      const changes = changedFields(userPayload(event.before), after)
      // Nothing a client sees changed (say, only the verification level or a sign-in time).
      return Object.keys(changes).length === 0 ? null : { type: event.type, message: { user: after, changes } }
    }
    case 'UserMerged':
      if (event.masterUserId === event.mergedUserId) throw new Error('A user cannot be merged into themselves')
      return { type: event.type, message: { masterUserId: event.masterUserId, mergedUserId: event.mergedUserId } }
  }
}

/**
 * Queues the message for every enabled subscription that wants its type. Call it with the transaction that changes the
 * user: the deliveries exist exactly when the change does. The envelope is made once, so every subscriber gets the
 * same `notificationId` and body. Returns null when there is nothing to tell (an update that changed nothing a client
 * sees); a message nobody subscribes to is not stored.
 */
export async function publishUserEvent(
  trx: IdentityDb,
  event: UserEvent,
  clock: Clock,
  options: { newId?: () => string } = {},
): Promise<Published | null> {
  const built = messageOf(event)
  if (!built) return null
  const db = webhookDb(trx)
  const newId = options.newId ?? randomUUID
  const subscriptions = await db
    .selectFrom('webhook_subscriptions as subscription')
    .leftJoin('clients as client', 'client.client_id', 'subscription.client_id')
    .select('subscription.id')
    .where('subscription.enabled', '=', true)
    .where(sql<boolean>`${built.type} = any(subscription.message_types)`)
    .where('client.disabled_at', 'is', null)
    .orderBy('subscription.created_at')
    .orderBy('subscription.id')
    .execute()
  const notificationId = newId()
  if (subscriptions.length === 0) return { notificationId, messageType: built.type, deliveries: 0 }

  const now = clock.now()
  const { body } = buildEnvelope(built.type, built.message, { notificationId, time: now })
  await db.insertInto('webhook_notifications').values({ notification_id: notificationId, message_type: built.type, body, created_at: now }).execute()
  for (const subscription of subscriptions) {
    const deliveryId = newId()
    const payload: WebhookDeliveryJobPayload = { deliveryId }
    const jobId = await enqueueJob(trx, { type: WEBHOOK_DELIVERY_JOB, payload }, clock)
    await db
      .insertInto('webhook_deliveries')
      .values({ id: deliveryId, notification_id: notificationId, subscription_id: subscription.id, job_id: jobId, created_at: now })
      .execute()
  }
  return { notificationId, messageType: built.type, deliveries: subscriptions.length }
}
