import { sql, type Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { Backoff } from '../../../../packages/kit/src/outbox/backoff.ts'
import { retrySetAsideJobs } from '../../../../packages/kit/src/outbox/jobs.ts'
import { PermanentJobFailure, type JobHandler } from '../../../../packages/kit/src/outbox/worker.ts'
import { signWebhook } from '../../../../packages/kit/src/webhooks/signing.ts'
import { recordWebhookEvent } from './events.ts'
import type { WebhookDeliveryJobPayload } from './publish.ts'
import { isUuid, webhookDb, type DropReason, type IdentityDb, type WebhookMessageType, type WebhookSchema } from './schema.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** After the n-th failed attempt, wait the n-th of these; after the last, the delivery is set aside for an admin. */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [30 * SECOND, 2 * MINUTE, 10 * MINUTE, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR]
/** The first attempt and one after each wait. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 30 * SECOND
export const WEBHOOK_USER_AGENT = 'Teacher Identity'

export const webhookBackoff: Backoff = (attempt) => WEBHOOK_RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), WEBHOOK_RETRY_DELAYS_MS.length) - 1] as number

/** What the handler needs of `fetch` (which fits it), so tests and callers can pass their own. */
export type WebhookFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<{ status: number; body?: { cancel(): Promise<void> } | null }>

export type WebhookDeliveryHandlerOptions = {
  db: IdentityDb
  clock: Clock
  fetch: WebhookFetch
  /** How long to wait for an answer; 30 s by default. Keep it well within the outbox worker's lease. */
  timeoutMs?: number
  logger?: Logger
}

type DeliveryToSend = {
  id: string
  status: string
  notification_id: string
  message_type: WebhookMessageType
  body: string
  subscription_id: string | null
  endpoint: string | null
  secret: string | null
  enabled: boolean | null
  message_types: WebhookMessageType[] | null
  client_disabled_at: Date | null
}

function deliveryIdOf(payload: unknown): string {
  const deliveryId = (payload as Partial<WebhookDeliveryJobPayload> | null)?.deliveryId
  if (!isUuid(deliveryId)) throw new PermanentJobFailure('The job does not name a webhook delivery')
  return deliveryId
}

/** Why a delivery must not be sent any more, if it must not. */
function dropReasonFor(delivery: DeliveryToSend): DropReason | null {
  if (delivery.subscription_id === null) return 'subscription_deleted'
  if (!delivery.enabled) return 'subscription_disabled'
  if (delivery.client_disabled_at !== null) return 'client_disabled'
  if (!delivery.message_types?.includes(delivery.message_type)) return 'message_type_unsubscribed'
  return null
}

/** Why an attempt failed, for the admin and the logs: never the response body, which could hold anything. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `No answer within ${timeoutMs / SECOND} s`
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return `Could not reach the endpoint (${cause.code})`
  return `Could not reach the endpoint: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * Sends one delivery: the stored body, signed now with the subscription's current secret, to its current endpoint.
 * A 2xx answer is success; anything else, no answer within the timeout included, is tried again on the schedule of
 * WEBHOOK_RETRY_DELAYS_MS and then set aside. A delivery whose subscription was disabled or deleted meanwhile is
 * dropped, not sent. Register it with `createOutboxWorker` under WEBHOOK_DELIVERY_JOB.
 */
export function webhookDeliveryJobHandler(options: WebhookDeliveryHandlerOptions): JobHandler {
  const db = webhookDb(options.db)
  const { clock, logger } = options
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS

  async function load(deliveryId: string): Promise<DeliveryToSend | undefined> {
    return db
      .selectFrom('webhook_deliveries as delivery')
      .innerJoin('webhook_notifications as notification', 'notification.notification_id', 'delivery.notification_id')
      .leftJoin('webhook_subscriptions as subscription', 'subscription.id', 'delivery.subscription_id')
      .leftJoin('clients as client', 'client.client_id', 'subscription.client_id')
      .select([
        'delivery.id',
        'delivery.status',
        'delivery.notification_id',
        'notification.message_type',
        'notification.body',
        'subscription.id as subscription_id',
        'subscription.endpoint',
        'subscription.secret',
        'subscription.enabled',
        'subscription.message_types',
        'client.disabled_at as client_disabled_at',
      ])
      .where('delivery.id', '=', deliveryId)
      .executeTakeFirst()
  }

  // Each outcome is written only while the delivery is pending: a worker that answers after its lease ran out (another
  // worker has delivered it meanwhile) records nothing.
  const stillPending = (deliveryId: string) => db.updateTable('webhook_deliveries').where('id', '=', deliveryId).where('status', '=', 'pending')

  async function send(delivery: DeliveryToSend & { endpoint: string; secret: string }): Promise<{ status: number | null; error: string | null }> {
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      ...signWebhook({ secret: delivery.secret, body: delivery.body, timestamp: clock.now(), notificationId: delivery.notification_id }),
    }
    try {
      const response = await options.fetch(delivery.endpoint, {
        method: 'POST',
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect is a failure: following it would send the person's details somewhere nobody registered.
        redirect: 'manual',
      })
      await response.body?.cancel().catch(() => {})
      const ok = response.status >= 200 && response.status < 300
      return { status: response.status, error: ok ? null : `The endpoint answered ${response.status}` }
    } catch (error) {
      return { status: null, error: describeFailure(error, timeoutMs) }
    }
  }

  return {
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    backoff: webhookBackoff,
    async run(job) {
      const deliveryId = deliveryIdOf(job.payload)
      const delivery = await load(deliveryId)
      if (!delivery) throw new PermanentJobFailure(`There is no webhook delivery ${deliveryId}`)
      if (delivery.status !== 'pending') return
      const log = { deliveryId, notificationId: delivery.notification_id, messageType: delivery.message_type, subscriptionId: delivery.subscription_id }

      const dropReason = dropReasonFor(delivery)
      if (dropReason !== null || delivery.endpoint === null || delivery.secret === null) {
        const reason = dropReason ?? 'subscription_deleted'
        await stillPending(deliveryId).set({ status: 'dropped', dropped_at: clock.now(), drop_reason: reason }).execute()
        logger?.info({ ...log, reason }, 'webhook delivery dropped')
        return
      }

      const attemptedAt = clock.now()
      const outcome = await send({ ...delivery, endpoint: delivery.endpoint, secret: delivery.secret })
      const attempt = {
        attempts: sql<number>`attempts + 1`,
        last_attempted_at: attemptedAt,
        last_response_status: outcome.status,
        last_error: outcome.error,
      }
      if (outcome.error === null) {
        await stillPending(deliveryId)
          .set({ ...attempt, status: 'delivered', delivered_at: attemptedAt })
          .execute()
        logger?.info({ ...log, status: outcome.status, attempt: job.attempt }, 'webhook delivered')
        return
      }
      await stillPending(deliveryId).set(attempt).execute()
      throw new Error(outcome.error)
    },
  }
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'dropped' | 'set_aside'

/** A delivery as an admin sees it. */
export type WebhookDelivery = {
  id: string
  notificationId: string
  messageType: WebhookMessageType
  subscriptionId: string | null
  /** Where it goes now; null once the subscription is deleted. */
  endpoint: string | null
  /** `set_aside`: every attempt failed; it waits for an admin to redeliver it. */
  status: WebhookDeliveryState
  attempts: number
  lastAttemptedAt: Date | null
  lastResponseStatus: number | null
  lastError: string | null
  deliveredAt: Date | null
  droppedAt: Date | null
  dropReason: DropReason | null
  setAsideAt: Date | null
  createdAt: Date
}

function deliveries(db: Kysely<WebhookSchema>) {
  return db
    .selectFrom('webhook_deliveries as delivery')
    .innerJoin('webhook_notifications as notification', 'notification.notification_id', 'delivery.notification_id')
    .leftJoin('webhook_subscriptions as subscription', 'subscription.id', 'delivery.subscription_id')
    .leftJoin('outbox_jobs as job', 'job.id', 'delivery.job_id')
    .select([
      'delivery.id',
      'delivery.notification_id',
      'notification.message_type',
      'delivery.subscription_id',
      'subscription.endpoint',
      'delivery.status',
      'job.status as job_status',
      'job.finished_at as job_finished_at',
      'job.last_error as job_last_error',
      'delivery.attempts',
      'delivery.last_attempted_at',
      'delivery.last_response_status',
      'delivery.last_error',
      'delivery.delivered_at',
      'delivery.dropped_at',
      'delivery.drop_reason',
      'delivery.created_at',
    ])
}

type DeliveryListRow = Awaited<ReturnType<ReturnType<typeof deliveries>['execute']>>[number]

function toDelivery(row: DeliveryListRow): WebhookDelivery {
  const setAside = row.status === 'pending' && row.job_status === 'set_aside'
  return {
    id: row.id,
    notificationId: row.notification_id,
    messageType: row.message_type,
    subscriptionId: row.subscription_id,
    endpoint: row.endpoint,
    status: setAside ? 'set_aside' : row.status,
    attempts: row.attempts,
    lastAttemptedAt: row.last_attempted_at,
    lastResponseStatus: row.last_response_status,
    lastError: row.last_error ?? (setAside ? row.job_last_error : null),
    deliveredAt: row.delivered_at,
    droppedAt: row.dropped_at,
    dropReason: row.drop_reason,
    setAsideAt: setAside ? row.job_finished_at : null,
    createdAt: row.created_at,
  }
}

export async function findDelivery(db: IdentityDb, deliveryId: string): Promise<WebhookDelivery | undefined> {
  if (!isUuid(deliveryId)) return undefined
  const row = await deliveries(webhookDb(db)).where('delivery.id', '=', deliveryId).executeTakeFirst()
  return row && toDelivery(row)
}

/** The deliveries of one notification (one per subscriber), for an admin following a change through. */
export async function deliveriesOfNotification(db: IdentityDb, notificationId: string): Promise<WebhookDelivery[]> {
  if (!isUuid(notificationId)) return []
  const rows = await deliveries(webhookDb(db)).where('delivery.notification_id', '=', notificationId).orderBy('delivery.created_at').orderBy('delivery.id').execute()
  return rows.map(toDelivery)
}

/** Deliveries whose every attempt failed, most recently set aside first: what an admin must look at. */
export async function listSetAsideDeliveries(db: IdentityDb, options: { limit?: number } = {}): Promise<WebhookDelivery[]> {
  const rows = await deliveries(webhookDb(db))
    .where('delivery.status', '=', 'pending')
    .where('job.status', '=', 'set_aside')
    .orderBy('job.finished_at', 'desc')
    .orderBy('delivery.id')
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 1000))
    .execute()
  return rows.map(toDelivery)
}

export type RedeliverOutcome = 'redelivered' | 'not_found' | 'not_set_aside'

/**
 * Puts a set-aside delivery back in the queue with a fresh set of attempts (after the client service fixed its end).
 * It is sent again with the same body and notification id, to the subscription's current endpoint.
 */
export async function redeliver(db: IdentityDb, clock: Clock, deliveryId: string, options: { actor: string }): Promise<RedeliverOutcome> {
  if (!isUuid(deliveryId)) return 'not_found'
  const now = clock.now()
  return webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const delivery = await trx
        .selectFrom('webhook_deliveries as delivery')
        .leftJoin('webhook_subscriptions as subscription', 'subscription.id', 'delivery.subscription_id')
        .select(['delivery.id', 'delivery.job_id', 'delivery.status', 'delivery.notification_id', 'delivery.subscription_id', 'subscription.endpoint', 'subscription.client_id'])
        .where('delivery.id', '=', deliveryId)
        .forUpdate('delivery')
        .executeTakeFirst()
      if (!delivery) return 'not_found'
      if (delivery.status !== 'pending' || delivery.job_id === null) return 'not_set_aside'
      const putBack = await retrySetAsideJobs(trx, { ids: [delivery.job_id] }, clock)
      if (putBack === 0) return 'not_set_aside'
      await recordWebhookEvent(trx, {
        type: 'webhook_delivery_redelivered',
        actor: options.actor,
        clientId: delivery.client_id ?? undefined,
        occurredAt: now,
        details: { deliveryId: delivery.id, notificationId: delivery.notification_id, subscriptionId: delivery.subscription_id, endpoint: delivery.endpoint },
      })
      return 'redelivered'
    })
}

/**
 * Deletes deliveries finished (delivered or dropped) longer ago than `keepForMs` (30 days by default), and the
 * messages no delivery needs any more: the bodies hold people's details. Set-aside and pending ones are kept.
 */
export async function pruneFinishedDeliveries(db: IdentityDb, clock: Clock, options: { keepForMs?: number } = {}): Promise<{ deliveries: number; notifications: number }> {
  const cutoff = new Date(clock.now().getTime() - (options.keepForMs ?? 30 * 24 * HOUR))
  const webhooks = webhookDb(db)
  const deleted = await webhooks
    .deleteFrom('webhook_deliveries')
    .where('status', '<>', 'pending')
    .where(sql<Date>`coalesce(delivered_at, dropped_at)`, '<', cutoff)
    .executeTakeFirst()
  const orphans = await webhooks
    .deleteFrom('webhook_notifications')
    .where('created_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('webhook_deliveries').select(sql`1`.as('one')).whereRef('webhook_deliveries.notification_id', '=', 'webhook_notifications.notification_id'))))
    .executeTakeFirst()
  return { deliveries: Number(deleted.numDeletedRows), notifications: Number(orphans.numDeletedRows) }
}
