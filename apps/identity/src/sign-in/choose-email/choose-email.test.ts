import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemClock } from '../../../../../packages/kit/src/clock.ts'
import type { UserRow } from '../../database/schema.ts'
import type { TestClient } from '../../testing/test-identity.ts'
import { FIXED_CODE, startSignInTest, type JourneyBrowser, type SignInTest } from '../../testing/test-sign-in.ts'
import type { WebhookEnvelope } from '../../webhooks/messages.ts'
import { webhookDb } from '../../webhooks/schema.ts'
import { createSubscription } from '../../webhooks/subscriptions.ts'

// Someone registering finds their teaching record already linked to an account, proves that account's address is
// theirs too, and chooses which address it keeps. A new address is a change client services are told about.

let emailCounter = 0
const newEmail = (name: string) => `${name}.${++emailCounter}@school.example`

describe('choosing the email address an account keeps', () => {
  let test: SignInTest
  let client: TestClient
  let subscriptionId: string

  before(async () => {
    test = await startSignInTest({ fixedCode: FIXED_CODE })
    client = await test.registerClient({ name: 'Register for an NPQ' })
    const { subscription } = await createSubscription(
      test.identity.database.db,
      systemClock,
      { clientId: client.clientId, endpoint: 'http://127.0.0.1:9/webhooks', messageTypes: ['UserUpdated'] },
      { actor: 'test', requireHttps: false },
    )
    subscriptionId = subscription.id
  })
  after(() => test?.close())

  const db = () => test.identity.database.db
  const path = (journey: JourneyBrowser) => journey.page.url.pathname

  /** UserUpdated messages about this account, oldest first. */
  async function updatesAbout(sub: string): Promise<Array<{ envelope: WebhookEnvelope<'UserUpdated'>; deliveries: string[] }>> {
    const notifications = await webhookDb(db()).selectFrom('webhook_notifications').selectAll().where('message_type', '=', 'UserUpdated').orderBy('created_at').execute()
    const theirs = notifications.filter((notification) => (JSON.parse(notification.body) as WebhookEnvelope<'UserUpdated'>).message.user.userId === sub)
    return Promise.all(
      theirs.map(async (notification) => ({
        envelope: JSON.parse(notification.body) as WebhookEnvelope<'UserUpdated'>,
        deliveries: (await webhookDb(db()).selectFrom('webhook_deliveries').select('subscription_id').where('notification_id', '=', notification.notification_id).execute()).map(
          (delivery) => delivery.subscription_id ?? '',
        ),
      })),
    )
  }

  /** A new email registers with the details of a record that `owner`'s account holds, and proves the owner's address. */
  async function toChooseEmail(owner: UserRow, dateOfBirth: [string, string, string]): Promise<{ journey: JourneyBrowser; email: string }> {
    const email = newEmail(owner.given_name?.toLowerCase() ?? 'someone')
    const journey = await test.start(client)
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    await journey.submit({ firstName: owner.given_name ?? '', middleName: '', lastName: owner.family_name ?? '' })
    await journey.submit({ preferredName: '' })
    const [day, month, year] = dateOfBirth
    await journey.submit({ 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year })
    await journey.submit({ isTheirs: 'no' })
    assert.equal(path(journey), '/sign-in/check-answers', 'the name and date of birth find the record')
    await journey.submit()
    assert.equal(path(journey), '/sign-in/trn-in-use')
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/choose-email')
    return { journey, email }
  }

  it('moves the account to the new address and tells subscribers that only the email changed', async () => {
    const owner = await test.identity.createUser({
      email: 'priya.old@school.example',
      given_name: 'Priya',
      middle_name: null,
      family_name: 'Sharma',
      preferred_name: 'Priya Sharma',
      birthdate: '1982-09-18',
      trn: '1000005',
      trn_lookup_status: 'Found',
      trn_verification_level: 'medium',
    })
    const { journey, email } = await toChooseEmail(owner, ['18', '9', '1982'])

    await journey.submit({})
    assert.equal(journey.page.status, 400)
    assert.deepEqual(journey.errorSummary(), ['Select the email address you want to use'])
    assert.deepEqual(await updatesAbout(owner.sub), [], 'nothing changed, so nothing is sent')

    await journey.submit({ email: 'this' })
    assert.equal(journey.heading(), 'You’ve signed in')
    const after = await db().selectFrom('users').selectAll().where('sub', '=', owner.sub).executeTakeFirstOrThrow()
    assert.equal(after.email, email)

    const updates = await updatesAbout(owner.sub)
    assert.equal(updates.length, 1, 'one message')
    const [update] = updates
    assert.ok(update)
    assert.deepEqual(update.envelope.message.changes, { emailAddress: email }, 'only the email changed')
    assert.equal(update.envelope.message.user.emailAddress, email)
    assert.equal(update.envelope.message.user.trn, '1000005')
    assert.deepEqual(update.deliveries, [subscriptionId])
  })

  it('sends nothing when the account keeps its address', async () => {
    const owner = await test.identity.createUser({
      email: 'mark.old@school.example',
      given_name: 'Mark',
      middle_name: null,
      family_name: 'Pemberton',
      birthdate: '1975-06-30',
      trn: '1000004',
      trn_lookup_status: 'Found',
      trn_verification_level: 'medium',
    })
    const { journey } = await toChooseEmail(owner, ['30', '6', '1975'])
    await journey.submit({ email: 'account' })
    assert.equal(journey.heading(), 'You’ve signed in')
    const after = await db().selectFrom('users').select('email').where('sub', '=', owner.sub).executeTakeFirstOrThrow()
    assert.equal(after.email, 'mark.old@school.example')
    assert.deepEqual(await updatesAbout(owner.sub), [])
  })
})
