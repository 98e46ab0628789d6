import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { registerClient } from '../clients/clients.ts'
import { IDENTITY_MIGRATIONS } from '../database/schema.ts'
import type { UserPayloadSource } from './messages.ts'
import { publishUserEvent, WEBHOOK_DELIVERY_JOB, type UserEvent } from './publish.ts'
import type { WebhookSchema } from './schema.ts'
import { createSubscription } from './subscriptions.ts'

const kit: UserPayloadSource = {
  sub: '3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f',
  email: 'kit.marlowe@example.com',
  given_name: 'Kit',
  middle_name: null,
  family_name: 'Marlowe',
  preferred_name: null,
  birthdate: '1985-03-14',
  trn: null,
  trn_lookup_status: 'Pending',
  trn_verification_level: null,
}

describe('publishUserEvent', () => {
  let database: TestDatabase<WebhookSchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const admin = { actor: 'admin:test', requireHttps: false }

  before(async () => {
    database = await createTestDatabase<WebhookSchema>(IDENTITY_MIGRATIONS)
    for (const clientId of ['npq', 'retired', 'strict-service']) {
      await registerClient(database.db, clock, { name: clientId, clientId, redirectUris: ['https://x.example/cb'], scopes: ['openid'], grantTypes: ['authorization_code'] }, { actor: 'cli', requireHttps: false })
    }
    await database.db.updateTable('clients').set({ disabled_at: clock.now() }).where('client_id', '=', 'retired').execute()
    await database.db.updateTable('clients').set({ trn_match_policy: 'strict' }).where('client_id', '=', 'strict-service').execute()
  })
  beforeEach(async () => {
    await database.db.deleteFrom('webhook_deliveries').execute()
    await database.db.deleteFrom('webhook_notifications').execute()
    await database.db.deleteFrom('webhook_subscriptions').execute()
    await database.db.deleteFrom('outbox_jobs').execute()
  })
  after(() => database.drop())

  const db = () => database.db
  const subscribe = async (messageTypes: string[], extra: { enabled?: boolean; clientId?: string; endpoint?: string } = {}) =>
    (await createSubscription(db(), clock, { endpoint: extra.endpoint ?? 'https://client.example/hooks', messageTypes, enabled: extra.enabled, clientId: extra.clientId }, admin)).subscription.id
  const publish = (event: UserEvent) => db().transaction().execute((trx) => publishUserEvent(trx, event, clock))
  const deliveries = () => db().selectFrom('webhook_deliveries').selectAll().orderBy('created_at').execute()
  const notifications = () => db().selectFrom('webhook_notifications').selectAll().execute()
  const jobs = () => db().selectFrom('outbox_jobs').selectAll().orderBy('id').execute()

  it('queues one delivery per enabled subscription that wants the type, all with one notification id and one body', async () => {
    const wantsCreated = await subscribe(['UserCreated'], { clientId: 'npq' })
    const wantsBoth = await subscribe(['UserCreated', 'UserUpdated'])
    await subscribe(['UserUpdated', 'UserMerged'])
    await subscribe(['UserCreated'], { enabled: false })
    await subscribe(['UserCreated'], { clientId: 'retired' })

    const published = await publish({ type: 'UserCreated', user: kit })
    assert.ok(published)
    assert.equal(published.messageType, 'UserCreated')
    assert.equal(published.deliveries, 2)
    const [only] = published.notifications
    assert.ok(only && published.notifications.length === 1)

    const [notification, ...more] = await notifications()
    assert.equal(more.length, 0)
    assert.equal(notification?.notification_id, only.notificationId)
    assert.deepEqual(JSON.parse(notification?.body ?? ''), {
      notificationId: only.notificationId,
      timeUtc: '2026-11-22T12:00:00.000Z',
      messageType: 'UserCreated',
      message: {
        user: {
          userId: kit.sub,
          emailAddress: 'kit.marlowe@example.com',
          firstName: 'Kit',
          middleName: null,
          lastName: 'Marlowe',
          preferredName: null,
          dateOfBirth: '1985-03-14',
          trn: null,
          mobileNumber: null,
          trnLookupStatus: 'Pending',
        },
      },
    })

    const rows = await deliveries()
    assert.deepEqual(rows.map((row) => row.subscription_id).sort(), [wantsCreated, wantsBoth].sort())
    assert.ok(rows.every((row) => row.notification_id === only.notificationId && row.status === 'pending' && row.attempts === 0))
    const queued = await jobs()
    assert.deepEqual(queued.map((job) => job.type), [WEBHOOK_DELIVERY_JOB, WEBHOOK_DELIVERY_JOB])
    assert.deepEqual(queued.map((job) => (job.payload as { deliveryId: string }).deliveryId).sort(), rows.map((row) => row.id).sort())
    assert.deepEqual(rows.map((row) => row.job_id).sort(), queued.map((job) => job.id).sort())
  })

  it('sends only the changed fields of an update, with the user as they are now', async () => {
    await subscribe(['UserUpdated'])
    const after = { ...kit, trn: '1234567', trn_lookup_status: 'Found' as const, email: 'kit.new@example.com' }
    const published = await publish({ type: 'UserUpdated', before: kit, after })
    assert.equal(published?.deliveries, 1)
    const body = JSON.parse((await notifications())[0]?.body ?? '')
    assert.deepEqual(body.message.changes, { emailAddress: 'kit.new@example.com', trn: '1234567', trnLookupStatus: 'Found' })
    assert.equal(body.message.user.trn, '1234567')
    assert.equal(body.message.user.emailAddress, 'kit.new@example.com')
  })

  it('shows a strict client’s subscription the person as its claims do: a TRN only once verified to medium', async () => {
    const forDefault = await subscribe(['UserCreated', 'UserUpdated'], { clientId: 'npq' })
    const forStrict = await subscribe(['UserCreated', 'UserUpdated'], { clientId: 'strict-service' })
    const matchedLow = { ...kit, trn: '1234567', trn_lookup_status: 'Found' as const, trn_verification_level: 'low' as const }
    const lowPublished = await publish({ type: 'UserUpdated', before: kit, after: matchedLow })
    assert.deepEqual(lowPublished?.notifications.map((notification) => [notification.policy, notification.deliveries]), [['default', 1]], 'the strict client sees no change yet')
    assert.deepEqual((await deliveries()).map((row) => row.subscription_id), [forDefault])

    const verified = await publish({ type: 'UserUpdated', before: matchedLow, after: { ...matchedLow, trn_verification_level: 'medium' } })
    assert.deepEqual(verified?.notifications.map((notification) => notification.policy), ['strict'], 'now the strict client sees the TRN; nothing changed for the other')
    const strictBody = JSON.parse((await notifications()).find((row) => row.notification_id === verified?.notifications[0]?.notificationId)?.body ?? '')
    assert.deepEqual(strictBody.message.changes, { trn: '1234567', trnLookupStatus: 'Found' })
    assert.equal((await deliveries()).filter((row) => row.subscription_id === forStrict).length, 1)

    const created = await publish({ type: 'UserCreated', user: { ...matchedLow, email: 'kit.other@example.com' } })
    const bodies = new Map((await notifications()).map((row) => [row.notification_id, JSON.parse(row.body)]))
    const seen = created?.notifications.map((notification) => [notification.policy, bodies.get(notification.notificationId).message.user.trn, bodies.get(notification.notificationId).message.user.trnLookupStatus])
    assert.deepEqual(seen, [['default', '1234567', 'Found'], ['strict', null, 'Pending']])
  })

  it('publishes nothing for an update that changed nothing a client sees', async () => {
    await subscribe(['UserUpdated'])
    assert.equal(await publish({ type: 'UserUpdated', before: kit, after: { ...kit } }), null)
    assert.deepEqual(await notifications(), [])
    assert.deepEqual(await jobs(), [])
  })

  it('sends the ids of a merge, and refuses to merge a user into themselves', async () => {
    await subscribe(['UserMerged'])
    const published = await publish({ type: 'UserMerged', masterUserId: kit.sub, mergedUserId: '9a9a9a9a-1b1b-4c2c-8d3d-4e4e4e4e4e4e' })
    assert.equal(published?.deliveries, 1)
    assert.deepEqual(JSON.parse((await notifications())[0]?.body ?? '').message, { masterUserId: kit.sub, mergedUserId: '9a9a9a9a-1b1b-4c2c-8d3d-4e4e4e4e4e4e' })
    await assert.rejects(publish({ type: 'UserMerged', masterUserId: kit.sub, mergedUserId: kit.sub }), /cannot be merged into themselves/)
  })

  it('stores nothing for a message nobody subscribes to', async () => {
    await subscribe(['UserMerged'])
    const published = await publish({ type: 'UserCreated', user: kit })
    assert.equal(published?.deliveries, 0)
    assert.deepEqual(await notifications(), [])
    assert.deepEqual(await jobs(), [])
  })

  it('leaves nothing behind when the change it belongs to is rolled back', async () => {
    await subscribe(['UserCreated'])
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await publishUserEvent(trx, { type: 'UserCreated', user: kit }, clock)
          throw new Error('the registration failed')
        }),
      /the registration failed/,
    )
    assert.deepEqual(await notifications(), [])
    assert.deepEqual(await deliveries(), [])
    assert.deepEqual(await jobs(), [])
  })
})
