import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { verifyWebhook } from '../../../../packages/kit/src/webhooks/signing.ts'
import { IDENTITY_MIGRATIONS } from '../database/schema.ts'
import {
  deliveriesOfNotification,
  findDelivery,
  listSetAsideDeliveries,
  pruneFinishedDeliveries,
  redeliver,
  WEBHOOK_RETRY_DELAYS_MS,
  webhookDeliveryJobHandler,
  type WebhookDelivery,
  type WebhookFetch,
} from './delivery.ts'
import type { UserPayloadSource } from './messages.ts'
import { publishUserEvent, WEBHOOK_DELIVERY_JOB, type UserEvent } from './publish.ts'
import type { WebhookSchema } from './schema.ts'
import { createSubscription, deleteSubscription, regenerateSecret, updateSubscription } from './subscriptions.ts'
import { onlyNotification, startTestReceiver, unusedPort, type TestReceiver } from './test-receiver.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const logger = createLogger({ name: 'webhook-delivery-test', level: 'silent' })

const kit: UserPayloadSource = {
  sub: '3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f',
  email: 'kit.marlowe@example.com',
  given_name: 'Kit',
  middle_name: null,
  family_name: 'Marlowe',
  preferred_name: null,
  birthdate: '1985-03-14',
  trn: '1234567',
  trn_lookup_status: 'Found',
  trn_verification_level: 'low',
}

describe('webhook deliveries to a real endpoint', () => {
  let database: TestDatabase<WebhookSchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const admin = { actor: 'admin:ops@example.gov.uk', requireHttps: false }
  let receiver: TestReceiver
  const cleanups: Array<() => Promise<void>> = []

  before(async () => {
    database = await createTestDatabase<WebhookSchema>(IDENTITY_MIGRATIONS)
  })
  beforeEach(async () => {
    for (const table of ['webhook_deliveries', 'webhook_notifications', 'webhook_subscriptions', 'outbox_jobs', 'events'] as const) {
      await database.db.deleteFrom(table).execute()
    }
    receiver = await startTestReceiver({ clock })
    cleanups.push(() => receiver.stop())
  })
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  after(() => database.drop())

  const db = () => database.db

  /** A worker as main.ts runs one: the kit's outbox worker with the delivery handler. */
  const newWorker = (options: { fetch?: WebhookFetch; timeoutMs?: number } = {}) =>
    createOutboxWorker({
      db: db(),
      clock,
      logger,
      handlers: { [WEBHOOK_DELIVERY_JOB]: webhookDeliveryJobHandler({ db: db(), clock, fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs, logger }) },
    })

  const subscribe = async (options: { endpoint?: string; messageTypes?: string[] } = {}) => {
    const { subscription, secret } = await createSubscription(
      db(),
      clock,
      { endpoint: options.endpoint ?? receiver.url(), messageTypes: options.messageTypes ?? ['UserCreated', 'UserUpdated', 'UserMerged'] },
      admin,
    )
    receiver.secrets = [secret]
    return { subscription, secret }
  }

  const publish = async (event: UserEvent = { type: 'UserUpdated', before: kit, after: { ...kit, email: 'kit.new@example.com' } }) => {
    return onlyNotification(await db().transaction().execute((trx) => publishUserEvent(trx, event, clock)))
  }

  const onlyDelivery = async (notificationId: string): Promise<WebhookDelivery> => {
    const [delivery, ...others] = await deliveriesOfNotification(db(), notificationId)
    assert.ok(delivery)
    assert.equal(others.length, 0)
    return delivery
  }

  const nextAttemptInMs = async (deliveryId: string) => {
    const job = await db()
      .selectFrom('outbox_jobs')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.job_id', 'outbox_jobs.id')
      .select('outbox_jobs.next_attempt_at')
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirstOrThrow()
    return job.next_attempt_at.getTime() - clock.now().getTime()
  }

  const jobOf = async (deliveryId: string) =>
    db()
      .selectFrom('outbox_jobs')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.job_id', 'outbox_jobs.id')
      .select(['outbox_jobs.status', 'outbox_jobs.attempts'])
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirstOrThrow()

  it('delivers once, signed with the subscription’s secret, with the contract’s headers and body', async () => {
    await subscribe()
    const published = await publish()
    const worker = newWorker()
    assert.deepEqual(await worker.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
    clock.advance(HOUR)
    assert.equal((await worker.runOnce()).claimed, 0, 'nothing is sent twice')

    assert.equal(receiver.received.length, 1)
    const [request] = receiver.received
    assert.ok(request?.verification.ok, 'the signature verifies with kit’s verifyWebhook')
    assert.equal(request.headers['content-type'], 'application/json')
    assert.equal(request.headers['user-agent'], 'Teacher Identity')
    assert.equal(request.headers['x-webhook-id'], published.notificationId)
    assert.equal(request.verification.timestamp, Math.floor((clock.now().getTime() - HOUR) / SECOND))
    const envelope = JSON.parse(request.body)
    assert.equal(envelope.notificationId, published.notificationId)
    assert.equal(envelope.messageType, 'UserUpdated')
    assert.deepEqual(envelope.message.changes, { emailAddress: 'kit.new@example.com' })
    assert.deepEqual(receiver.stored, [published.notificationId])

    const delivery = await onlyDelivery(published.notificationId)
    assert.equal(delivery.status, 'delivered')
    assert.equal(delivery.attempts, 1)
    assert.equal(delivery.lastResponseStatus, 202)
    assert.equal(delivery.lastError, null)
    assert.deepEqual(delivery.deliveredAt, new Date(clock.now().getTime() - HOUR))
  })

  it('tries a receiver that is down again on the schedule, and delivers exactly once when it is back', async () => {
    const port = await unusedPort()
    await subscribe({ endpoint: `http://127.0.0.1:${port}/hooks` })
    const published = await publish()
    const worker = newWorker()
    const { id } = await onlyDelivery(published.notificationId)

    for (const wait of WEBHOOK_RETRY_DELAYS_MS.slice(0, 3)) {
      assert.equal((await worker.runOnce()).retried, 1)
      assert.equal(await nextAttemptInMs(id), wait)
      const delivery = await findDelivery(db(), id)
      assert.equal(delivery?.status, 'pending')
      assert.equal(delivery?.lastError, 'Could not reach the endpoint (ECONNREFUSED)')
      assert.equal(delivery?.lastResponseStatus, null)
      clock.advance(wait - SECOND)
      assert.equal((await worker.runOnce()).claimed, 0, 'not before its time')
      clock.advance(SECOND)
    }

    const upAgain = await startTestReceiver({ clock, port, secrets: receiver.secrets })
    cleanups.push(() => upAgain.stop())
    assert.deepEqual(await worker.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
    clock.advance(8 * HOUR)
    assert.equal((await worker.runOnce()).claimed, 0)
    assert.equal(upAgain.received.length, 1)
    assert.ok(upAgain.received[0]?.verification.ok)
    assert.deepEqual(upAgain.stored, [published.notificationId])
    const delivery = await findDelivery(db(), id)
    assert.equal(delivery?.status, 'delivered')
    assert.equal(delivery?.attempts, 4)
    assert.equal(delivery?.lastError, null)
  })

  it('sends the same bytes again after a 500, signed afresh, and stops at the 200', async () => {
    await subscribe()
    let answers = [500, 200]
    receiver.respond = () => answers.shift() ?? 200
    const published = await publish()
    const worker = newWorker()
    const { id } = await onlyDelivery(published.notificationId)

    assert.equal((await worker.runOnce()).retried, 1)
    assert.deepEqual((await findDelivery(db(), id))?.lastError, 'The endpoint answered 500')
    assert.equal((await findDelivery(db(), id))?.lastResponseStatus, 500)
    clock.advance(30 * SECOND)
    assert.equal((await worker.runOnce()).succeeded, 1)
    answers = []

    const [first, second] = receiver.received
    assert.ok(first?.verification.ok && second?.verification.ok)
    assert.equal(second.body, first.body, 'identical bytes')
    assert.equal(second.verification.timestamp - first.verification.timestamp, 30, 'each attempt is signed when it is sent')
    assert.notEqual(second.headers['x-hub-signature-256'], first.headers['x-hub-signature-256'])
    const delivery = await findDelivery(db(), id)
    assert.equal(delivery?.status, 'delivered')
    assert.equal(delivery?.attempts, 2)
    assert.equal(delivery?.lastResponseStatus, 200)
  })

  it('gives up on an endpoint that does not answer within the timeout, and tries again later', async () => {
    await subscribe()
    receiver.respond = () => 'hang'
    const published = await publish()
    const { id } = await onlyDelivery(published.notificationId)
    const started = performance.now()
    assert.equal((await newWorker({ timeoutMs: 200 }).runOnce()).retried, 1)
    assert.ok(performance.now() - started < 5 * SECOND)
    const delivery = await findDelivery(db(), id)
    assert.equal(delivery?.lastError, 'No answer within 0.2 s')
    assert.equal(await nextAttemptInMs(id), 30 * SECOND)
  })

  it('does not follow a redirect: the details go only where the subscription says', async () => {
    await subscribe()
    receiver.respond = () => 302
    const published = await publish()
    assert.equal((await newWorker().runOnce()).retried, 1)
    assert.equal(receiver.received.length, 1)
    assert.equal((await onlyDelivery(published.notificationId)).lastError, 'The endpoint answered 302')
  })

  it('sets a delivery aside after 8 failed attempts on the 30 s … 8 h schedule; an admin sees it and redelivers it', async () => {
    const { subscription } = await subscribe()
    receiver.respond = () => 503
    const published = await publish()
    const worker = newWorker()
    const { id } = await onlyDelivery(published.notificationId)

    const waits: number[] = []
    for (let attempt = 1; attempt <= 7; attempt++) {
      assert.equal((await worker.runOnce()).retried, 1, `attempt ${attempt}`)
      const wait = await nextAttemptInMs(id)
      waits.push(wait)
      clock.advance(wait)
    }
    assert.deepEqual(waits, [30 * SECOND, 2 * MINUTE, 10 * MINUTE, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR])
    assert.deepEqual(await worker.runOnce(), { claimed: 1, succeeded: 0, retried: 0, setAside: 1 })
    const setAsideAt = clock.now()
    clock.advance(24 * HOUR)
    assert.equal((await worker.runOnce()).claimed, 0, 'a set-aside delivery waits for an admin')
    assert.equal(receiver.received.length, 8)

    const [listed, ...others] = await listSetAsideDeliveries(db())
    assert.equal(others.length, 0)
    assert.deepEqual(listed, {
      id,
      notificationId: published.notificationId,
      messageType: 'UserUpdated',
      subscriptionId: subscription.id,
      endpoint: subscription.endpoint,
      status: 'set_aside',
      attempts: 8,
      lastAttemptedAt: setAsideAt,
      lastResponseStatus: 503,
      lastError: 'The endpoint answered 503',
      deliveredAt: null,
      droppedAt: null,
      dropReason: null,
      setAsideAt,
      createdAt: listed?.createdAt,
    })

    receiver.respond = (received) => (received.verification.ok ? 200 : 401)
    assert.equal(await redeliver(db(), clock, id, { actor: admin.actor }), 'redelivered')
    assert.equal(await redeliver(db(), clock, id, { actor: admin.actor }), 'not_set_aside', 'already back in the queue')
    assert.equal((await findDelivery(db(), id))?.status, 'pending')
    assert.deepEqual(await worker.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
    assert.deepEqual(await listSetAsideDeliveries(db()), [])
    const delivered = await findDelivery(db(), id)
    assert.equal(delivered?.status, 'delivered')
    assert.equal(delivered?.attempts, 9)
    assert.equal(receiver.received.at(-1)?.notificationId, published.notificationId, 'the same notification, so the client can tell')
    assert.equal(receiver.received.at(-1)?.body, receiver.received[0]?.body)

    const [event, ...moreEvents] = await db().selectFrom('events').selectAll().where('event_type', '=', 'webhook_delivery_redelivered').execute()
    assert.equal(moreEvents.length, 0)
    assert.equal(event?.actor, admin.actor)
    assert.deepEqual(event?.details, { deliveryId: id, notificationId: published.notificationId, subscriptionId: subscription.id, endpoint: subscription.endpoint })

    assert.equal(await redeliver(db(), clock, id, { actor: admin.actor }), 'not_set_aside', 'a delivered one cannot be put back')
    assert.equal(await redeliver(db(), clock, randomUUID(), { actor: admin.actor }), 'not_found')
    assert.equal(await redeliver(db(), clock, 'not-a-delivery', { actor: admin.actor }), 'not_found')
  })

  it('survives a worker that stops mid-delivery: another takes the job after the lease, and it is recorded delivered once', async () => {
    await subscribe()
    const published = await publish()
    const { id } = await onlyDelivery(published.notificationId)

    // The first worker's request reaches the receiver, but the worker never hears the answer (it is gone).
    let wakeTheOldWorker: () => void = () => {}
    const stalled = new Promise<void>((resolve) => (wakeTheOldWorker = resolve))
    let reachedReceiver: () => void = () => {}
    const sent = new Promise<void>((resolve) => (reachedReceiver = resolve))
    const vanishingFetch: WebhookFetch = async (url, init) => {
      const response = await fetch(url, init)
      reachedReceiver()
      await stalled
      return response
    }
    const oldWorker = newWorker({ fetch: vanishingFetch })
    const oldWorkerRun = oldWorker.runOnce()
    await sent
    assert.equal(receiver.received.length, 1)

    const newProcessWorker = newWorker()
    assert.equal((await newProcessWorker.runOnce()).claimed, 0, 'still leased to the worker that took it')
    clock.advance(10 * MINUTE + SECOND)
    assert.deepEqual(await newProcessWorker.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })

    // Should the old worker wake after all, its late answer changes nothing.
    wakeTheOldWorker()
    await oldWorkerRun
    clock.advance(HOUR)
    assert.equal((await newProcessWorker.runOnce()).claimed, 0)

    assert.equal(receiver.received.length, 2)
    assert.deepEqual(
      receiver.received.map((request) => request.notificationId),
      [published.notificationId, published.notificationId],
    )
    assert.deepEqual(receiver.stored, [published.notificationId], 'the receiver stored it once')
    const delivery = await findDelivery(db(), id)
    assert.equal(delivery?.status, 'delivered')
    assert.equal(delivery?.attempts, 1, 'one success recorded')
    assert.deepEqual(delivery?.deliveredAt, new Date(clock.now().getTime() - HOUR))
    assert.deepEqual(await jobOf(id), { status: 'done', attempts: 2 })
  })

  it('drops, without sending, a delivery whose subscription was disabled, deleted or no longer wants the type', async () => {
    const worker = newWorker()
    const cases = [
      { reason: 'subscription_disabled', change: (subscriptionId: string) => updateSubscription(db(), clock, subscriptionId, { enabled: false }, admin) },
      { reason: 'subscription_deleted', change: (subscriptionId: string) => deleteSubscription(db(), clock, subscriptionId, admin) },
      { reason: 'message_type_unsubscribed', change: (subscriptionId: string) => updateSubscription(db(), clock, subscriptionId, { messageTypes: ['UserMerged'] }, admin) },
    ] as const
    for (const { reason, change } of cases) {
      const { subscription } = await subscribe()
      const published = await publish()
      await change(subscription.id)
      assert.deepEqual(await worker.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 }, reason)
      const delivery = await onlyDelivery(published.notificationId)
      assert.equal(delivery.status, 'dropped', reason)
      assert.equal(delivery.dropReason, reason)
      assert.deepEqual(delivery.droppedAt, clock.now())
      assert.equal(delivery.attempts, 0)
    }
    assert.equal(receiver.received.length, 0)
    assert.deepEqual(await listSetAsideDeliveries(db()), [])
  })

  it('delivers only the message types subscribed to', async () => {
    await subscribe({ messageTypes: ['UserMerged'] })
    await db().transaction().execute((trx) => publishUserEvent(trx, { type: 'UserCreated', user: kit }, clock))
    await db().transaction().execute((trx) => publishUserEvent(trx, { type: 'UserUpdated', before: kit, after: { ...kit, email: 'kit.new@example.com' } }, clock))
    const merged = await publish({ type: 'UserMerged', masterUserId: kit.sub, mergedUserId: randomUUID() })
    const worker = newWorker()
    assert.equal((await worker.runOnce()).succeeded, 1)
    assert.deepEqual(
      receiver.received.map((request) => JSON.parse(request.body).messageType),
      ['UserMerged'],
    )
    assert.deepEqual(receiver.stored, [merged.notificationId])
  })

  it('gives every subscriber the same notification id and bytes, each signed with its own secret', async () => {
    const other = await startTestReceiver({ clock })
    cleanups.push(() => other.stop())
    const { secret: first } = await subscribe()
    const { secret: second } = await createSubscription(db(), clock, { endpoint: other.url(), messageTypes: ['UserUpdated'] }, admin)
    other.secrets = [second]
    receiver.secrets = [first]
    const published = await publish()
    assert.equal((await newWorker().runOnce()).succeeded, 2)
    assert.ok(receiver.received[0]?.verification.ok && other.received[0]?.verification.ok)
    assert.equal(receiver.received[0]?.body, other.received[0]?.body)
    assert.deepEqual([...receiver.stored, ...other.stored], [published.notificationId, published.notificationId])
    assert.notEqual(receiver.received[0]?.headers['x-hub-signature-256'], other.received[0]?.headers['x-hub-signature-256'])
  })

  it('signs with the secret current when it sends: one regenerated meanwhile signs the retry', async () => {
    const { subscription, secret: oldSecret } = await subscribe()
    receiver.respond = () => 500
    const published = await publish()
    const worker = newWorker()
    await worker.runOnce()
    const { secret: newSecret } = await regenerateSecret(db(), clock, subscription.id, { actor: admin.actor })
    receiver.secrets = [newSecret]
    receiver.respond = (received) => (received.verification.ok ? 202 : 401)
    clock.advance(30 * SECOND)
    assert.equal((await worker.runOnce()).succeeded, 1)
    assert.ok(receiver.received[1]?.verification.ok)
    assert.equal(receiver.received[1]?.notificationId, published.notificationId)
    const retry = receiver.received[1]
    assert.ok(retry)
    assert.equal(verifyWebhook({ secrets: [oldSecret], body: retry.body, headers: retry.headers, now: clock.now() }).ok, false, 'the old secret no longer signs')
  })

  it('deletes finished deliveries and their messages after 30 days, keeping set-aside ones', async () => {
    await subscribe()
    const delivered = await publish()
    await newWorker().runOnce()
    receiver.respond = () => 500
    const failing = await publish()
    const worker = newWorker()
    for (let attempt = 1; attempt <= 8; attempt++) {
      await worker.runOnce()
      clock.advance(8 * HOUR)
    }
    assert.equal((await listSetAsideDeliveries(db())).length, 1)

    assert.deepEqual(await pruneFinishedDeliveries(db(), clock), { deliveries: 0, notifications: 0 })
    clock.advance(31 * 24 * HOUR)
    assert.deepEqual(await pruneFinishedDeliveries(db(), clock), { deliveries: 1, notifications: 1 })
    assert.deepEqual(await deliveriesOfNotification(db(), delivered.notificationId), [])
    assert.equal((await deliveriesOfNotification(db(), failing.notificationId))[0]?.status, 'set_aside')
  })
})
