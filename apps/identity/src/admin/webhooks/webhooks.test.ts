import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { publishUserEvent } from '../../webhooks/publish.ts'
import { onlyNotification } from '../../webhooks/test-receiver.ts'
import { adminDb } from '../schema.ts'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../testing.ts'

describe('admins managing webhooks', () => {
  let test: AdminTest
  let admin: ConsoleBrowser
  let clientId: string
  before(async () => {
    test = await startAdminTest()
    admin = await test.signedIn(test.staff.admin)
    clientId = (await test.signIn.registerClient({ name: 'Register for an NPQ' })).clientId
  })
  after(() => test?.close())

  const secretOnPage = () => /<code id="webhook-secret"[^>]*>([0-9a-f]+)<\/code>/.exec(admin.page.body)?.[1]
  const subscriptions = () => adminDb(test.db).selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').execute()

  it('adds a subscription, showing its secret once, then changes it and makes a new secret', async () => {
    await admin.get('/admin/webhooks')
    assert.match(admin.text(), /There are no webhooks yet/)
    await admin.get('/admin/webhooks/new')
    await admin.submit({ endpoint: 'npq.example/hooks', messageTypes: [] })
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), ['The endpoint "npq.example/hooks" must be an absolute http(s) URL', 'Choose at least one message type (UserCreated, UserUpdated, UserMerged)'])
    await admin.submit({ endpoint: 'https://npq.example/webhooks/identity', clientId, messageTypes: ['UserUpdated', 'UserMerged'] })
    assert.equal(admin.heading(), 'The webhook’s signing secret')
    const secret = secretOnPage()
    const [stored] = await subscriptions()
    assert.equal(stored?.secret, secret)
    assert.deepEqual(stored?.message_types, ['UserUpdated', 'UserMerged'])
    assert.equal(stored?.client_id, clientId)

    await admin.get('/admin/webhooks')
    assert.match(admin.text(), new RegExp(`https://npq\\.example/webhooks/identity ${clientId} UserUpdated, UserMerged Enabled`))
    assert.ok(!admin.page.body.includes(secret as string), 'the list never shows the secret')

    await admin.get(`/admin/webhooks/${stored?.id}`)
    await admin.submit({ enabled: [] })
    assert.match(admin.text(), /The webhook to https:\/\/npq\.example\/webhooks\/identity is saved\./)
    assert.equal((await subscriptions())[0]?.enabled, false)

    await admin.get(`/admin/webhooks/${stored?.id}/regenerate-secret`)
    await admin.submit()
    const newSecret = secretOnPage()
    assert.ok(newSecret && newSecret !== secret)
    assert.equal((await subscriptions())[0]?.secret, newSecret)

    const events = await test.db.selectFrom('events').select(['event_type', 'actor']).where('event_type', 'like', 'webhook_subscription_%').orderBy('id').execute()
    assert.deepEqual(events, [
      { event_type: 'webhook_subscription_added', actor: `staff:${test.staff.admin.id}` },
      { event_type: 'webhook_subscription_updated', actor: `staff:${test.staff.admin.id}` },
      { event_type: 'webhook_subscription_secret_regenerated', actor: `staff:${test.staff.admin.id}` },
    ])
  })

  it('lists deliveries that were set aside and sends one again', async () => {
    const { createSubscription } = await import('../../webhooks/subscriptions.ts')
    await createSubscription(test.db, test.clock, { endpoint: 'https://down.example/hooks', messageTypes: ['UserMerged'] }, { actor: 'test', requireHttps: false })
    const published = onlyNotification(
      await test.db.transaction().execute((trx) => publishUserEvent(trx, { type: 'UserMerged', masterUserId: '5f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a10', mergedUserId: '6f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a11' }, test.clock)),
    )
    const delivery = await adminDb(test.db).selectFrom('webhook_deliveries').select(['id', 'job_id']).where('notification_id', '=', published.notificationId).executeTakeFirstOrThrow()
    // Every attempt failed: the outbox set the job aside.
    await adminDb(test.db).updateTable('outbox_jobs').set({ status: 'set_aside', attempts: 8, finished_at: new Date(), last_error: 'connect ECONNREFUSED' }).where('id', '=', delivery.job_id as number).execute()
    await adminDb(test.db).updateTable('webhook_deliveries').set({ attempts: 8, last_response_status: 503 }).where('id', '=', delivery.id).execute()

    await admin.get('/admin/webhooks')
    assert.match(admin.text(), new RegExp(`UserMerged ${published.notificationId} https://down\\.example/hooks .* after 8 attempts Answered 503`))
    await admin.submit({}, { action: `/admin/webhooks/deliveries/${delivery.id}/redeliver` })
    assert.match(admin.text(), /The delivery is queued to be sent again\./)
    assert.match(admin.text(), /No deliveries are waiting/)
    const job = await adminDb(test.db).selectFrom('outbox_jobs').select('status').where('id', '=', delivery.job_id as number).executeTakeFirstOrThrow()
    assert.equal(job.status, 'pending')

    // Posted again, as from a page left open in another tab.
    await admin.get('/admin/webhooks/new')
    await admin.post(`/admin/webhooks/deliveries/${delivery.id}/redeliver`, { confirmed: 'yes' })
    assert.match(admin.text(), /That delivery is no longer set aside: nothing was changed\./)
    await admin.get('/admin/webhooks/new')
    await admin.post('/admin/webhooks/deliveries/00000000-0000-4000-8000-000000000000/redeliver', { confirmed: 'yes' })
    assert.equal(admin.page.status, 404)
  })
})
