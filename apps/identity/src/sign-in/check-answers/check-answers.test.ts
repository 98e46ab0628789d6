import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemClock } from '../../../../../packages/kit/src/clock.ts'
import { ticketsDb } from '../../support-tickets/schema.ts'
import type { TestClient } from '../../testing/test-identity.ts'
import { FIXED_CODE, startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../../testing/test-sign-in.ts'
import type { WebhookEnvelope } from '../../webhooks/messages.ts'
import { webhookDb } from '../../webhooks/schema.ts'
import { createSubscription } from '../../webhooks/subscriptions.ts'

// Submitting check answers creates the account: with it, in the same transaction, the helpdesk ticket for a lookup
// that ended Pending (for services that raise them) and the UserCreated webhooks for the services that subscribe.

let emailCounter = 0
const newEmail = (name: string) => `${name}.${++emailCounter}@school.example`

type Details = { firstName: string; lastName: string; dateOfBirth: [string, string, string] }
// The twins' shared initial, surname and birthday: the matcher finds both records and can be sure of neither.
const TWIN: Details = { firstName: 'J', lastName: 'Robinson', dateOfBirth: ['8', '1', '1993'] }
const SARAH: Details = { firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: ['12', '4', '1986'] }

describe('submitting check answers', () => {
  let test: SignInTest
  let ticketsClient: TestClient
  let noTicketsClient: TestClient
  let recordsDown = false

  before(async () => {
    test = await startSignInTest({
      fixedCode: FIXED_CODE,
      records: (real) => ({
        match: (details) => (recordsDown ? Promise.resolve({ outcome: 'unavailable', reason: 'test' }) : real.match(details)),
        getRecord: (trn) => (recordsDown ? Promise.resolve(null) : real.getRecord(trn)),
      }),
    })
    ticketsClient = await test.registerClient({ name: 'Register for an NPQ', raiseTrnSupportTickets: true })
    noTicketsClient = await test.registerClient({ name: 'Quiet service', raiseTrnSupportTickets: false })
  })
  after(() => test?.close())

  const db = () => test.identity.database.db
  const path = (journey: JourneyBrowser) => journey.page.url.pathname
  const ticketsFor = (userSub: string) => ticketsDb(db()).selectFrom('support_tickets').selectAll().where('user_sub', '=', userSub).execute()
  const userByEmail = (email: string) => db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()

  /** Registers with a new email and these details, answering no to NI number, TRN and QTS, up to check answers. */
  async function toCheckAnswers(client: TestClient, details: Details, name: string): Promise<{ journey: JourneyBrowser; email: string }> {
    const email = newEmail(name)
    const journey = await test.start(client)
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    await journey.submit({ firstName: details.firstName, middleName: '', lastName: details.lastName })
    await journey.submit({ preferredName: '' })
    const [day, month, year] = details.dateOfBirth
    await journey.submit({ 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year })
    // Someone else registered with these details earlier in this file: not them.
    if (path(journey) === '/sign-in/existing-account') await journey.submit({ isTheirs: 'no' })
    while (path(journey) !== '/sign-in/check-answers') {
      const question = path(journey)
      const fields: Record<string, Record<string, string>> = {
        '/sign-in/has-ni-number': { hasNationalInsuranceNumber: 'no' },
        '/sign-in/has-trn': { hasTrn: 'no' },
        '/sign-in/has-qts': { hasQts: 'no' },
      }
      assert.ok(fields[question], `an unexpected page on the way to check answers: ${question}`)
      await journey.submit(fields[question])
      assert.notEqual(path(journey), question, `${question} was answered`)
    }
    return { journey, email }
  }

  it('raises one open ticket with the answers and both candidates when the lookup ends possible, and says what happens next', async () => {
    const { journey, email } = await toCheckAnswers(ticketsClient, TWIN, 'jay')
    // Submitted three times at once (a double click and a refresh): one account, one ticket.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(journey.page.body)?.[1] as string
    const url = new URL('/sign-in/check-answers', test.identity.issuer)
    const submits = await Promise.all([1, 2, 3].map(() => journey.browser.navigate(url, { method: 'POST', form: { _csrf: csrf } })))
    for (const page of submits) assert.equal(page.url.pathname, '/sign-in/complete')
    const user = await userByEmail(email)
    assert.equal(user.trn_lookup_status, 'Pending')

    const tickets = await ticketsFor(user.sub)
    assert.equal(tickets.length, 1, 'exactly one ticket')
    const [ticket] = tickets
    assert.ok(ticket)
    assert.equal(ticket.status, 'open')
    assert.equal(ticket.reason, 'possible_match')
    assert.equal(ticket.destination, 'support_queue', 'the built-in queue when Zendesk is not configured')
    assert.equal(ticket.client_id, ticketsClient.clientId)
    const { person, client, candidates } = ticket.snapshot
    assert.deepEqual(
      { firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth, email: person.email, ni: person.nationalInsuranceNumberAnswer, trn: person.trnAnswer, qts: person.hasQts },
      { firstName: 'J', lastName: 'Robinson', dateOfBirth: '1993-01-08', email, ni: 'none', trn: 'none', qts: false },
    )
    assert.deepEqual(client, { clientId: ticketsClient.clientId, name: 'Register for an NPQ', trnRequired: false })
    assert.deepEqual(
      candidates.map((candidate) => [candidate.trn, candidate.firstName, candidate.lastName, candidate.dateOfBirth]).sort(),
      [
        ['1000006', 'Jack', 'Robinson', '1993-01-08'],
        ['1000007', 'Jake', 'Robinson', '1993-01-08'],
      ],
      'both twins’ records, with their names from the records service',
    )
    const raised = await db().selectFrom('events').select('event_type').where('user_sub', '=', user.sub).where('event_type', '=', 'support_ticket_raised').execute()
    assert.equal(raised.length, 1, 'the ticket is recorded as an event')

    await journey.get('/sign-in/complete')
    const page = textOf(journey.page.body)
    assert.match(page, /We need to check your details/)
    assert.match(page, /someone in our team will check the details you gave us/)
    assert.match(page, /This usually takes up to 5 working days\. We’ll email you at \S+ when we’ve finished\. You do not need to do anything until then\./)
    assert.ok(page.includes(`We’ll email you at ${email}`))
    assert.match(page, /Once your record is linked, sign in again to carry on with Register for an NPQ\./)
    assert.ok(!page.includes('teaching.status@education.gov.uk'), 'nothing for them to do')
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn_lookup_status, 'Pending')

    // Back before anyone has looked: they are told the same, and no second ticket is raised.
    const again = await test.start(ticketsClient)
    await again.submit({ email })
    await again.submit({ code: FIXED_CODE })
    assert.equal(again.heading(), 'You’ve signed in')
    assert.match(textOf(again.page.body), /We need to check your details .* This usually takes up to 5 working days/)
    assert.equal((await ticketsFor(user.sub)).length, 1)
  })

  it('raises no ticket for a service that does not raise them, and tells the person how to get their record linked', async () => {
    const { journey, email } = await toCheckAnswers(noTicketsClient, TWIN, 'jay')
    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    const user = await userByEmail(email)
    assert.equal(user.trn_lookup_status, 'Pending')
    assert.deepEqual(await ticketsFor(user.sub), [])

    const page = textOf(journey.page.body)
    assert.match(
      page,
      /We could not match you to a teaching record straight away\.? If you have a teacher reference number \(TRN\) or qualified teacher status \(QTS\), email teaching\.status@education\.gov\.uk with your name, date of birth and NI number, and we’ll link your record\./,
    )
    assert.ok(!page.includes('someone in our team'), 'no one is checking')
    assert.ok(!page.includes('5 working days'))
  })

  it('raises a ticket when the records service cannot be reached, so someone looks for the record by hand', async () => {
    recordsDown = true
    try {
      const { journey, email } = await toCheckAnswers(ticketsClient, { firstName: 'Emma', lastName: 'Clarke', dateOfBirth: ['25', '2', '1990'] }, 'emma')
      await journey.submit()
      assert.equal(path(journey), '/sign-in/complete')
      assert.match(textOf(journey.page.body), /We need to check your details/)
      const user = await userByEmail(email)
      const [ticket, ...others] = await ticketsFor(user.sub)
      assert.equal(others.length, 0)
      assert.equal(ticket?.reason, 'records_unavailable')
      assert.deepEqual(ticket?.snapshot.candidates, [])
    } finally {
      recordsDown = false
    }
  })

  it('raises no ticket when the record is found', async () => {
    const email = newEmail('sarah')
    const journey = await test.start(ticketsClient)
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    await journey.submit({ firstName: SARAH.firstName, middleName: '', lastName: SARAH.lastName })
    await journey.submit({ preferredName: '' })
    const [day, month, year] = SARAH.dateOfBirth
    await journey.submit({ 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year })
    await journey.submit({ hasNationalInsuranceNumber: 'yes' })
    await journey.submit({ nationalInsuranceNumber: 'QQ123456C' })
    assert.equal(path(journey), '/sign-in/check-answers')
    await journey.submit()
    assert.match(textOf(journey.page.body), /We’ve found your teaching record/)
    const user = await userByEmail(email)
    assert.equal(user.trn_lookup_status, 'Found')
    assert.deepEqual(await ticketsFor(user.sub), [])
  })

  it('tells every subscription that wants UserCreated about the new account, once each', async () => {
    const options = { actor: 'test', requireHttps: false }
    const wanted = [
      await createSubscription(db(), systemClock, { clientId: ticketsClient.clientId, endpoint: 'http://127.0.0.1:9/npq', messageTypes: ['UserCreated', 'UserUpdated'] }, options),
      await createSubscription(db(), systemClock, { endpoint: 'http://127.0.0.1:9/other', messageTypes: ['UserCreated'] }, options),
    ]
    await createSubscription(db(), systemClock, { endpoint: 'http://127.0.0.1:9/updates-only', messageTypes: ['UserUpdated'] }, options)
    await createSubscription(db(), systemClock, { endpoint: 'http://127.0.0.1:9/switched-off', messageTypes: ['UserCreated'], enabled: false }, options)

    const { journey, email } = await toCheckAnswers(noTicketsClient, { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: ['9', '12', '1966'] }, 'grace')
    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    const user = await userByEmail(email)

    const notifications = await webhookDb(db()).selectFrom('webhook_notifications').selectAll().where('message_type', '=', 'UserCreated').execute()
    const theirs = notifications.filter((notification) => (JSON.parse(notification.body) as WebhookEnvelope<'UserCreated'>).message.user.userId === user.sub)
    assert.equal(theirs.length, 1, 'one message about the new account')
    const [notification] = theirs
    assert.ok(notification)
    const envelope = JSON.parse(notification.body) as WebhookEnvelope<'UserCreated'>
    assert.equal(envelope.messageType, 'UserCreated')
    assert.deepEqual(envelope.message.user, {
      userId: user.sub,
      emailAddress: email,
      firstName: 'Grace',
      middleName: null,
      lastName: 'Hopper',
      preferredName: 'Grace Hopper',
      dateOfBirth: '1966-12-09',
      trn: null,
      mobileNumber: null,
      trnLookupStatus: 'None',
    })
    const deliveries = await webhookDb(db()).selectFrom('webhook_deliveries').selectAll().where('notification_id', '=', notification.notification_id).execute()
    assert.deepEqual(deliveries.map((delivery) => delivery.subscription_id).sort(), wanted.map(({ subscription }) => subscription.id).sort(), 'one delivery per subscription that wants it')
    for (const delivery of deliveries) {
      assert.equal(delivery.status, 'pending')
      assert.ok(delivery.job_id !== null, 'queued for the outbox worker')
    }
  })
})
