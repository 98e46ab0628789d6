import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { registerClient } from '../clients/clients.ts'
import { IDENTITY_MIGRATIONS } from '../database/schema.ts'
import type { WebhookSchema } from './schema.ts'
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  regenerateSecret,
  subscriptionProblems,
  updateSubscription,
  WebhookSubscriptionError,
} from './subscriptions.ts'

describe('webhook subscriptions', () => {
  let database: TestDatabase<WebhookSchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const admin = { actor: 'admin:ops@example.gov.uk', requireHttps: false }
  let counter = 0
  /** Predictable, different secrets, so a test can look for them. */
  const random = (size: number) => Buffer.alloc(size, ++counter)

  before(async () => {
    database = await createTestDatabase<WebhookSchema>(IDENTITY_MIGRATIONS)
    await registerClient(database.db, clock, { name: 'Register for an NPQ', clientId: 'npq', redirectUris: ['https://npq.example/callback'], scopes: ['openid'], grantTypes: ['authorization_code'] }, { actor: 'cli', requireHttps: false })
  })
  beforeEach(async () => {
    await database.db.deleteFrom('webhook_subscriptions').execute()
    await database.db.deleteFrom('events').execute()
  })
  after(() => database.drop())

  const db = () => database.db
  const events = () => db().selectFrom('events').selectAll().orderBy('id').execute()
  const storedSecret = async (id: string) => (await db().selectFrom('webhook_subscriptions').select('secret').where('id', '=', id).executeTakeFirstOrThrow()).secret
  const create = (input: Partial<Parameters<typeof createSubscription>[2]> = {}) =>
    createSubscription(db(), clock, { endpoint: 'https://npq.example/webhooks/identity', messageTypes: ['UserUpdated', 'UserMerged'], ...input }, { ...admin, random })

  it('adds a subscription with a new 32-byte secret, shown once, and records who added what without the secret', async () => {
    const { subscription, secret } = await create({ clientId: 'npq', messageTypes: ['UserMerged', 'UserUpdated', 'UserMerged'] })
    assert.match(secret, /^[0-9a-f]{64}$/)
    assert.equal(await storedSecret(subscription.id), secret, 'kept as given: every delivery is signed with it')
    assert.deepEqual(
      { ...subscription, id: undefined },
      { id: undefined, clientId: 'npq', endpoint: 'https://npq.example/webhooks/identity', enabled: true, messageTypes: ['UserUpdated', 'UserMerged'], createdAt: clock.now(), updatedAt: clock.now() },
    )
    assert.ok(!('secret' in subscription))

    const [event, ...others] = await events()
    assert.equal(others.length, 0)
    assert.equal(event?.event_type, 'webhook_subscription_added')
    assert.equal(event?.actor, admin.actor)
    assert.equal(event?.client_id, 'npq')
    assert.deepEqual(event?.occurred_at, clock.now())
    assert.deepEqual(event?.details, {
      subscriptionId: subscription.id,
      before: null,
      after: { clientId: 'npq', endpoint: 'https://npq.example/webhooks/identity', enabled: true, messageTypes: ['UserUpdated', 'UserMerged'] },
    })
    assert.ok(!JSON.stringify(event?.details).includes(secret))
  })

  it('lists subscriptions, oldest first, never with their secrets, and one client’s on their own', async () => {
    const first = await create({ clientId: 'npq' })
    clock.advance(1000)
    const second = await create({ endpoint: 'https://claim.example/hooks', messageTypes: ['UserCreated'] })
    const all = await listSubscriptions(db())
    assert.deepEqual(all.map((subscription) => subscription.id), [first.subscription.id, second.subscription.id])
    assert.ok(all.every((subscription) => !('secret' in subscription)))
    assert.ok(!JSON.stringify(all).includes(first.secret))
    assert.deepEqual((await listSubscriptions(db(), { clientId: 'npq' })).map((subscription) => subscription.id), [first.subscription.id])
  })

  it('refuses a subscription with every problem listed at once, and stores and records nothing', async () => {
    await assert.rejects(create({ endpoint: 'ftp://npq.example/x', messageTypes: ['UserDeleted'] }), (error: unknown) => {
      assert.ok(error instanceof WebhookSubscriptionError)
      assert.equal(error.notFound, false)
      assert.deepEqual(error.problems, [
        'the endpoint "ftp://npq.example/x" must be an absolute http(s) URL',
        'unknown message type "UserDeleted" (message types: UserCreated, UserUpdated, UserMerged)',
      ])
      return true
    })
    await assert.rejects(create({ clientId: 'nobody' }), /there is no client "nobody"/)
    assert.deepEqual(await listSubscriptions(db()), [])
    assert.deepEqual(await events(), [])
  })

  it('says what is wrong with an endpoint or message types', () => {
    const problems = (input: Parameters<typeof subscriptionProblems>[0], requireHttps = false) => subscriptionProblems(input, { requireHttps, isNew: true })
    const types = ['UserCreated']
    assert.deepEqual(problems({ endpoint: 'https://npq.example/hooks', messageTypes: types }), [])
    assert.deepEqual(problems({ endpoint: ' ', messageTypes: types }), ['enter the endpoint URL'])
    assert.deepEqual(problems({ endpoint: 'npq.example/hooks', messageTypes: types }), ['the endpoint "npq.example/hooks" must be an absolute http(s) URL'])
    assert.deepEqual(problems({ endpoint: 'https://npq.example/hooks#x', messageTypes: types }), ['the endpoint must not have a fragment'])
    assert.deepEqual(problems({ endpoint: 'https://user:pw@npq.example/hooks', messageTypes: types }), ['the endpoint must not hold a user name or password: deliveries are signed instead'])
    assert.deepEqual(problems({ endpoint: 'http://npq.example/hooks', messageTypes: types }, true), ['the endpoint must use https in production'])
    assert.deepEqual(problems({ endpoint: `https://npq.example/${'a'.repeat(2000)}`, messageTypes: types }), ['the endpoint must be at most 2000 characters'])
    assert.deepEqual(problems({ endpoint: 'https://npq.example/hooks', messageTypes: [] }), ['choose at least one message type (UserCreated, UserUpdated, UserMerged)'])
    assert.deepEqual(problems({ endpoint: 'https://npq.example/hooks', messageTypes: types, clientId: 'Not A Client' }), ['the client id must be 3 to 64 lower-case letters, digits, "-" or "_"'])
    assert.deepEqual(subscriptionProblems({ enabled: 'yes' as unknown as boolean }, { requireHttps: false, isNew: false }), ['enabled must be true or false'])
    assert.deepEqual(subscriptionProblems({}, { requireHttps: false, isNew: false }), [], 'an update checks only the fields it changes')
  })

  it('updates the fields given and records them before and after; a change that changes nothing records nothing', async () => {
    const { subscription, secret } = await create()
    clock.advance(60_000)
    const updated = await updateSubscription(db(), clock, subscription.id, { enabled: false, messageTypes: ['UserCreated'], clientId: 'npq' }, admin)
    assert.equal(updated.enabled, false)
    assert.deepEqual(updated.messageTypes, ['UserCreated'])
    assert.equal(updated.endpoint, subscription.endpoint)
    assert.deepEqual(updated.updatedAt, clock.now())
    assert.equal(await storedSecret(subscription.id), secret, 'the secret stays')

    const unchanged = await updateSubscription(db(), clock, subscription.id, { enabled: false, endpoint: ` ${subscription.endpoint} ` }, admin)
    assert.deepEqual(unchanged, updated)
    const recorded = (await events()).filter((event) => event.event_type === 'webhook_subscription_updated')
    assert.equal(recorded.length, 1)
    assert.deepEqual(recorded[0]?.details, {
      subscriptionId: subscription.id,
      before: { clientId: null, endpoint: subscription.endpoint, enabled: true, messageTypes: ['UserUpdated', 'UserMerged'] },
      after: { clientId: 'npq', endpoint: subscription.endpoint, enabled: false, messageTypes: ['UserCreated'] },
    })
    assert.equal(recorded[0]?.client_id, 'npq')
  })

  it('refuses a bad update, changing nothing, and says when there is no such subscription', async () => {
    const { subscription } = await create()
    await assert.rejects(updateSubscription(db(), clock, subscription.id, { endpoint: 'not a url', messageTypes: [] }, admin), (error: unknown) => {
      assert.ok(error instanceof WebhookSubscriptionError)
      assert.equal(error.problems.length, 2)
      return true
    })
    await assert.rejects(updateSubscription(db(), clock, subscription.id, { clientId: 'nobody' }, admin), /there is no client "nobody"/)
    for (const id of [randomUUID(), 'not-a-uuid', "'; drop table users; --"]) {
      await assert.rejects(updateSubscription(db(), clock, id, { enabled: false }, admin), (error: unknown) => error instanceof WebhookSubscriptionError && error.notFound)
      await assert.rejects(regenerateSecret(db(), clock, id, admin), (error: unknown) => error instanceof WebhookSubscriptionError && error.notFound)
      await assert.rejects(deleteSubscription(db(), clock, id, admin), (error: unknown) => error instanceof WebhookSubscriptionError && error.notFound)
    }
    assert.deepEqual(await listSubscriptions(db()), [subscription])
    assert.deepEqual((await events()).map((event) => event.event_type), ['webhook_subscription_added'])
  })

  it('regenerates the secret, keeps the new one, and records that it changed without either secret', async () => {
    const { subscription, secret: oldSecret } = await create()
    clock.advance(1000)
    const { secret: newSecret, subscription: after } = await regenerateSecret(db(), clock, subscription.id, { actor: admin.actor, random })
    assert.match(newSecret, /^[0-9a-f]{64}$/)
    assert.notEqual(newSecret, oldSecret)
    assert.equal(await storedSecret(subscription.id), newSecret)
    assert.deepEqual(after.updatedAt, clock.now())
    const event = (await events()).find((row) => row.event_type === 'webhook_subscription_secret_regenerated')
    assert.deepEqual(event?.details, { subscriptionId: subscription.id, endpoint: subscription.endpoint })
    const everything = JSON.stringify(await events())
    assert.ok(!everything.includes(oldSecret) && !everything.includes(newSecret))
  })

  it('deletes a subscription and records what it was', async () => {
    const { subscription } = await create({ clientId: 'npq' })
    await deleteSubscription(db(), clock, subscription.id, admin)
    assert.deepEqual(await listSubscriptions(db()), [])
    const event = (await events()).find((row) => row.event_type === 'webhook_subscription_deleted')
    assert.equal(event?.client_id, 'npq')
    assert.deepEqual(event?.details, {
      subscriptionId: subscription.id,
      before: { clientId: 'npq', endpoint: subscription.endpoint, enabled: true, messageTypes: ['UserUpdated', 'UserMerged'] },
      after: null,
    })
  })
})
