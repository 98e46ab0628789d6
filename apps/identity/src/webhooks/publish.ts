import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { enqueueJob } from '../../../../packages/kit/src/outbox/jobs.ts'
import { buildEnvelope, changedFields, userPayload, type UserPayloadSource, type WebhookMessages } from './messages.ts'
import type { TrnMatchPolicy } from '../database/schema.ts'
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

/** One notification: the message as the subscribers of one match policy may see it. */
export type PublishedNotification = { notificationId: string; policy: TrnMatchPolicy; deliveries: number }
export type Published = { messageType: WebhookMessageType; deliveries: number; notifications: PublishedNotification[] }

type BuiltMessage = { type: WebhookMessageType; message: WebhookMessages[WebhookMessageType] }

function messageOf(event: UserEvent, policy: TrnMatchPolicy): BuiltMessage | null {
  switch (event.type) {
    case 'UserCreated':
      return { type: event.type, message: { user: userPayload(event.user, policy) } }
    case 'UserUpdated': {
      const after = userPayload(event.after, policy)
      const changes = changedFields(userPayload(event.before, policy), after)
      // Nothing this subscriber sees changed (say, only the verification level, or a TRN a strict client cannot see yet).
      return Object.keys(changes).length === 0 ? null : { type: event.type, message: { user: after, changes } }
    }
    case 'UserMerged':
      if (event.masterUserId === event.mergedUserId) throw new Error('A user cannot be merged into themselves')
      return { type: event.type, message: { masterUserId: event.masterUserId, mergedUserId: event.mergedUserId } }
  }
}

const POLICIES: readonly TrnMatchPolicy[] = ['default', 'strict']

/**
 * Queues the message for every enabled subscription that wants its type. Call it with the transaction that changes the
 * user: the deliveries exist exactly when the change does. A subscriber sees the person as its client's claims show
 * them (a strict client does not see a TRN verified only to the low level), so there is one notification per match
 * policy among the subscribers, each made once: every subscriber of that policy gets the same `notificationId` and
 * body, and so does every retry. Returns null when there is nothing to tell anyone (an update that changed nothing a
 * client sees); a message nobody subscribes to is not stored.
 */
export async function publishUserEvent(
  trx: IdentityDb,
  event: UserEvent,
  clock: Clock,
  options: { newId?: () => string } = {},
): Promise<Published | null> {
  const messages = new Map(POLICIES.map((policy) => [policy, messageOf(event, policy)]))
  if ([...messages.values()].every((message) => message === null)) return null
  const messageType = event.type
  const db = webhookDb(trx)
  const newId = options.newId ?? randomUUID
  const subscriptions = await db
    .selectFrom('webhook_subscriptions as subscription')
    .leftJoin('clients as client', 'client.client_id', 'subscription.client_id')
    .select(['subscription.id', 'client.trn_match_policy'])
    .where('subscription.enabled', '=', true)
    .where(sql<boolean>`${messageType} = any(subscription.message_types)`)
    .where('client.disabled_at', 'is', null)
    .orderBy('subscription.created_at')
    .orderBy('subscription.id')
    .execute()

  const now = clock.now()
  const notifications: PublishedNotification[] = []
  for (const policy of POLICIES) {
    const built = messages.get(policy)
    // A subscription with no client sees what a default client sees.
    const subscribers = subscriptions.filter((subscription) => (subscription.trn_match_policy ?? 'default') === policy)
    if (!built || subscribers.length === 0) continue
    const notificationId = newId()
    const { body } = buildEnvelope(built.type, built.message, { notificationId, time: now })
    await db.insertInto('webhook_notifications').values({ notification_id: notificationId, message_type: built.type, body, created_at: now }).execute()
    for (const subscription of subscribers) {
      const deliveryId = newId()
      const payload: WebhookDeliveryJobPayload = { deliveryId }
      const jobId = await enqueueJob(trx, { type: WEBHOOK_DELIVERY_JOB, payload }, clock)
      await db
        .insertInto('webhook_deliveries')
        .values({ id: deliveryId, notification_id: notificationId, subscription_id: subscription.id, job_id: jobId, created_at: now })
        .execute()
    }
    notifications.push({ notificationId, policy, deliveries: subscribers.length })
  }
  return { messageType, deliveries: notifications.reduce((total, each) => total + each.deliveries, 0), notifications }
}
