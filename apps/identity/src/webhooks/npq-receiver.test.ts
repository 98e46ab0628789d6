import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import express from 'express'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../../../npq/src/database/schema.ts'
import { IDENTITY_WEBHOOK_PATH, identityWebhooksRouter } from '../../../npq/src/identity-webhooks/routes.ts'
import type { WebhookSchema as NpqWebhookSchema } from '../../../npq/src/identity-webhooks/store.ts'
import { IDENTITY_WEBHOOK_JOB, identityWebhookJobHandler } from '../../../npq/src/identity-webhooks/worker.ts'
import { IDENTITY_MIGRATIONS, type UserRow } from '../database/schema.ts'
import { createUser } from '../users/users.ts'
import { deliveriesOfNotification, webhookDeliveryJobHandler, type WebhookFetch } from './delivery.ts'
import { publishUserEvent, WEBHOOK_DELIVERY_JOB, type UserEvent } from './publish.ts'
import { onlyNotification } from './test-receiver.ts'
import type { WebhookSchema } from './schema.ts'
import { createSubscription, regenerateSecret } from './subscriptions.ts'

// The identity service's side of the contract against the NPQ service's real receiver: each on its own database, over
// HTTP, as in production.

const logger = createLogger({ name: 'identity-to-npq-test', level: 'silent' })

describe('identity webhooks received and applied by Register for an NPQ', () => {
  const clock = fixedClock('2026-11-22T12:00:00Z')
  let identity: TestDatabase<WebhookSchema>
  let npq: TestDatabase<NpqWebhookSchema>
  let server: Server
  let npqApp: express.Express | undefined
  let secret: string
  let subscriptionId: string

  before(async () => {
    ;[identity, npq] = await Promise.all([createTestDatabase<WebhookSchema>(IDENTITY_MIGRATIONS), createTestDatabase<NpqWebhookSchema>(NPQ_MIGRATIONS)])
    // NPQ's router needs the secret, which exists once the subscription does, which needs the port: listen first.
    server = createServer((req, res) => (npqApp ? npqApp(req, res) : res.writeHead(503).end()))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const { port } = server.address() as AddressInfo
    const created = await createSubscription(
      identity.db,
      clock,
      { endpoint: `http://127.0.0.1:${port}${IDENTITY_WEBHOOK_PATH}`, messageTypes: ['UserCreated', 'UserUpdated', 'UserMerged'] },
      { actor: 'admin:test', requireHttps: false },
    )
    secret = created.secret
    subscriptionId = created.subscription.id
    npqWithSecrets([secret])
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await Promise.all([identity.drop(), npq.drop()])
  })

  function npqWithSecrets(secrets: string[]) {
    const app = express()
    app.use(identityWebhooksRouter({ db: npq.db, secrets, clock, logger }))
    npqApp = app
  }

  /** Runs a service's worker until nothing is due; returns how many jobs succeeded. */
  const drain = async (worker: ReturnType<typeof createOutboxWorker>) => {
    let succeeded = 0
    for (let result = await worker.runOnce(); result.claimed > 0; result = await worker.runOnce()) succeeded += result.succeeded
    return succeeded
  }
  const deliverFromIdentity = () =>
    drain(createOutboxWorker({ db: identity.db, clock, logger, handlers: { [WEBHOOK_DELIVERY_JOB]: webhookDeliveryJobHandler({ db: identity.db, clock, fetch, logger }) } }))
  const applyInNpq = () => drain(createOutboxWorker({ db: npq.db, clock, logger, handlers: { [IDENTITY_WEBHOOK_JOB]: identityWebhookJobHandler({ db: npq.db, clock }) } }))

  const publish = async (event: UserEvent) => onlyNotification(await identity.db.transaction().execute((trx) => publishUserEvent(trx, event, clock)))

  /** Someone who registered with identity and has since signed in to NPQ (which keeps its own copy of their details). */
  async function registeredPerson(): Promise<UserRow> {
    const user = await createUser(
      identity.db,
      {
        email: `kit.${randomUUID().slice(0, 8)}@example.com`,
        email_verified: true,
        given_name: 'Kit',
        middle_name: null,
        family_name: 'Marlowe',
        preferred_name: 'Kit Marlowe',
        birthdate: '1985-03-14',
        trn: null,
        trn_lookup_status: 'Pending',
        trn_verification_level: null,
      },
      clock.now(),
    )
    await npq.db
      .insertInto('users')
      .values({
        sub: user.sub,
        email: user.email,
        full_name: 'Kit Marlowe',
        preferred_name: 'Kit Marlowe',
        date_of_birth: '1985-03-14',
        trn: null,
        trn_lookup_status: 'Pending',
        trn_verified: false,
        identity_updated_at: clock.now(),
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute()
    return user
  }
  const npqUser = (sub: string) => npq.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const npqMessage = (notificationId: string) => npq.db.selectFrom('identity_webhook_messages').selectAll().where('notification_id', '=', notificationId).executeTakeFirst()

  it('a TRN found and a new surname reach NPQ’s copy of the person', async () => {
    const before = await registeredPerson()
    clock.advance(60_000)
    const afterChange = await identity.db
      .updateTable('users')
      .set({ trn: '1234567', trn_lookup_status: 'Found', trn_verification_level: 'medium', family_name: 'Marlowe-Hart', updated_at: clock.now() })
      .where('sub', '=', before.sub)
      .returningAll()
      .executeTakeFirstOrThrow()
    const published = await publish({ type: 'UserUpdated', before, after: afterChange })
    assert.ok(published)

    assert.equal(await deliverFromIdentity(), 1)
    const [delivery] = await deliveriesOfNotification(identity.db, published.notificationId)
    assert.equal(delivery?.status, 'delivered')
    assert.equal(delivery?.lastResponseStatus, 202, 'NPQ accepted it for applying in the background')

    const stored = await npqMessage(published.notificationId)
    assert.equal(stored?.message_type, 'UserUpdated')
    assert.equal(stored?.processed_at, null)
    assert.equal(await applyInNpq(), 1)
    const person = await npqUser(before.sub)
    assert.equal(person.trn, '1234567')
    assert.equal(person.trn_lookup_status, 'Found')
    assert.equal(person.trn_verified, true)
    assert.equal(person.full_name, 'Kit Marlowe-Hart')
    assert.equal(person.identity_updated_at.toISOString(), clock.now().toISOString())
    assert.equal((await npqMessage(published.notificationId))?.outcome, 'updated')
  })

  it('a delivery sent twice (its first worker lost its lease) is acknowledged again and applied once', async () => {
    const before = await registeredPerson()
    const published = await publish({ type: 'UserUpdated', before, after: { ...before, email: `new.${before.email}` } })
    assert.ok(published)

    let wakeTheOldWorker: () => void = () => {}
    const stalled = new Promise<void>((resolve) => (wakeTheOldWorker = resolve))
    let reachedNpq: () => void = () => {}
    const sent = new Promise<void>((resolve) => (reachedNpq = resolve))
    const vanishingFetch: WebhookFetch = async (url, init) => {
      const response = await fetch(url, init)
      reachedNpq()
      await stalled
      return response
    }
    const oldWorkerRun = createOutboxWorker({ db: identity.db, clock, logger, handlers: { [WEBHOOK_DELIVERY_JOB]: webhookDeliveryJobHandler({ db: identity.db, clock, fetch: vanishingFetch }) } }).runOnce()
    await sent
    clock.advance(10 * 60_000 + 1000)
    assert.equal(await deliverFromIdentity(), 1)
    wakeTheOldWorker()
    await oldWorkerRun

    const [delivery] = await deliveriesOfNotification(identity.db, published.notificationId)
    assert.equal(delivery?.status, 'delivered')
    assert.equal(delivery?.lastResponseStatus, 200, 'NPQ said it already had it')
    assert.equal(await applyInNpq(), 1)
    assert.equal(await applyInNpq(), 0)
    assert.equal((await npqUser(before.sub)).email, `new.${before.email}`)
    const count = await npq.db.selectFrom('identity_webhook_messages').select((eb) => eb.fn.countAll().as('n')).where('notification_id', '=', published.notificationId).executeTakeFirstOrThrow()
    assert.equal(Number(count.n), 1)
  })

  it('NPQ refuses a delivery signed with a secret it does not hold, so identity tries again until it does', async () => {
    const before = await registeredPerson()
    const { secret: rotated } = await regenerateSecret(identity.db, clock, subscriptionId, { actor: 'admin:test' })
    const published = await publish({ type: 'UserUpdated', before, after: { ...before, preferred_name: 'Kit' } })
    assert.ok(published)
    assert.equal(await deliverFromIdentity(), 0)
    const [refused] = await deliveriesOfNotification(identity.db, published.notificationId)
    assert.equal(refused?.lastResponseStatus, 401)
    assert.equal(refused?.status, 'pending')
    assert.equal(await npqMessage(published.notificationId), undefined)

    // NPQ accepts the new secret (and the old one, while senders switch): the retry goes through.
    npqWithSecrets([rotated, secret])
    secret = rotated
    clock.advance(30_000)
    assert.equal(await deliverFromIdentity(), 1)
    assert.equal(await applyInNpq(), 1)
    assert.equal((await npqUser(before.sub)).preferred_name, 'Kit')
  })

  it('a merge moves NPQ’s record of the merged account to the master account', async () => {
    const master = await registeredPerson()
    const merged = await registeredPerson()
    const published = await publish({ type: 'UserMerged', masterUserId: master.sub, mergedUserId: merged.sub })
    assert.ok(published)
    assert.equal(await deliverFromIdentity(), 1)
    assert.equal(await applyInNpq(), 1)
    const [masterRow, mergedRow] = [await npqUser(master.sub), await npqUser(merged.sub)]
    assert.equal(mergedRow.merged_into_user_id, masterRow.id)
    assert.equal((await npqMessage(published.notificationId))?.outcome, 'merged')
  })

  it('a registration is acknowledged and kept, though NPQ creates people at their first sign-in', async () => {
    const user = await registeredPerson()
    const published = await publish({ type: 'UserCreated', user })
    assert.ok(published)
    assert.equal(await deliverFromIdentity(), 1)
    assert.equal(await applyInNpq(), 1)
    assert.equal((await npqMessage(published.notificationId))?.outcome, 'not_applied')
  })
})
