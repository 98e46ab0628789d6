import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemClock } from '../../../../../../packages/kit/src/clock.ts'
import { fillPlaceholders } from '../../../../../../packages/kit/src/email/templates.ts'
import { createSubscription } from '../../../webhooks/subscriptions.ts'
import { adminDb } from '../../schema.ts'
import { FIXED_CODE, startAdminTest, type AdminTest, type ConsoleBrowser } from '../../testing.ts'
import { ADMIN_EMAILS, TRN_LINKED_EMAIL } from './emails.ts'

// Twins, Jack and Jake, share a last name and date of birth: the matcher cannot choose, so a person called J who gives
// that last name and date of birth waits in the support queue with both as candidates. Each test has twins of its own.
const LAST_NAMES = ['Robinson', 'Okafor', 'Fraser', 'Hughes', 'Nguyen', 'Doyle']
const REASONS = ['first_name_initial', 'last_name_exact', 'date_of_birth_exact']

describe('assigning a TRN from the support console', () => {
  let test: AdminTest
  let agent: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    agent = await test.signedIn(test.staff.support)
    await createSubscription(test.db, systemClock, { endpoint: 'https://npq.example/webhooks/identity', messageTypes: ['UserUpdated'] }, { actor: 'test', requireHttps: false })
  })
  after(() => test?.close())

  async function twins(email: string) {
    const lastName = LAST_NAMES.shift() as string
    const jack = await test.addRecord({ firstName: 'Jack', middleName: 'Thomas', lastName, dateOfBirth: '1993-01-08', nationalInsuranceNumber: 'QQ778899A', qtsDate: '2016-07-22' })
    const jake = await test.addRecord({ firstName: 'Jake', middleName: 'William', lastName, dateOfBirth: '1993-01-08', qtsDate: '2017-07-21' })
    const { user, ticket } = await test.pendingUser({
      user: { email, given_name: 'J', middle_name: null, family_name: lastName, preferred_name: null, birthdate: '1993-01-08' },
      candidates: [jack, jake].map((trn) => ({ trn, score: 60, reasons: REASONS, record: null })),
    })
    return { user, ticket, jack, jake, lastName }
  }
  const userRow = (sub: string) => test.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const eventsOf = (sub: string) => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('user_sub', '=', sub).orderBy('id').execute()
  const notificationsAbout = async (sub: string) =>
    (await adminDb(test.db).selectFrom('webhook_notifications').select('body').execute()).map((row) => JSON.parse(row.body)).filter((body) => body.message.user?.userId === sub)

  async function openAssign(sub: string, trn: string) {
    await agent.get(`/admin/users/${sub}`)
    await agent.get(`/admin/users/${sub}/assign-trn?trn=${trn}`)
    assert.equal(agent.heading(), 'Assign a TRN')
  }

  it('links the chosen candidate: the record’s names, Found, the ticket closed, an event, UserUpdated and an email', async () => {
    const { user, ticket, jack, jake, lastName } = await twins('j.robinson@school.example')
    await agent.get('/admin/support-queue')
    assert.match(agent.text(), new RegExp(`J ${lastName} j\\.robinson@school\\.example .* Possible matches to check Register for an NPQ`))
    await agent.get(`/admin/users/${user.sub}`)
    assert.match(agent.text(), new RegExp(`What they told us TRN ${jack} A possible match TRN ${jake} A possible match`))
    assert.match(agent.text(), /First name J Jack Different Jake Different Middle name Thomas William Last name (\w+) \1 Matches \1 Matches/)
    assert.match(agent.text(), /Date of birth 8 January 1993 8 January 1993 Matches 8 January 1993 Matches/)
    assert.match(agent.text(), /National Insurance number They do not have one QQ778899A/)
    assert.match(agent.text(), /Qualified teacher status \(QTS\) They said they have QTS Awarded 22 July 2016 Matches Awarded 21 July 2017 Matches/)

    await openAssign(user.sub, jack)
    await agent.submit({ reason: 'Checked their payslip: Jack, QTS 2016' })
    assert.equal(agent.heading(), 'Check the record before you link it')
    assert.match(agent.text(), new RegExp(`Name on the record Jack Thomas ${lastName}`))
    assert.match(agent.text(), new RegExp(`The account’s name will change from J ${lastName} to Jack Thomas ${lastName}`))
    assert.equal((await userRow(user.sub)).trn, null, 'nothing changes before the confirmation')

    await agent.submit()
    assert.equal(agent.path(), `/admin/users/${user.sub}`)
    assert.match(agent.text(), new RegExp(`TRN ${jack} is now linked to this account\\. We’ve emailed j\\.robinson@school\\.example to tell them\\.`))

    const linked = await userRow(user.sub)
    assert.equal(linked.trn, jack)
    assert.equal(linked.trn_lookup_status, 'Found')
    assert.equal(linked.trn_verification_level, 'medium')
    assert.deepEqual([linked.given_name, linked.middle_name, linked.family_name], ['Jack', 'Thomas', lastName])

    const closed = await adminDb(test.db).selectFrom('support_tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow()
    assert.deepEqual([closed.status, closed.outcome, closed.assigned_trn, closed.closed_by], ['closed', 'trn_assigned', jack, `staff:${test.staff.support.id}`])

    const assigned = (await eventsOf(user.sub)).find((event) => event.event_type === 'user_trn_assigned')
    assert.ok(assigned)
    assert.equal(assigned.actor, `staff:${test.staff.support.id}`)
    assert.deepEqual(assigned.details, {
      staff: { id: test.staff.support.id, email: test.staff.support.email },
      reason: 'Checked their payslip: Jack, QTS 2016',
      before: { firstName: 'J', middleName: null, trn: null, trnLookupStatus: 'Pending' },
      after: { firstName: 'Jack', middleName: 'Thomas', trn: jack, trnLookupStatus: 'Found' },
      ticketId: ticket.id,
    })

    const [updated] = await notificationsAbout(user.sub)
    assert.equal(updated.messageType, 'UserUpdated')
    assert.deepEqual(updated.message.changes, { firstName: 'Jack', middleName: 'Thomas', trn: jack, trnLookupStatus: 'Found' })

    const emails = (await test.emailsTo('j.robinson@school.example')).filter((email) => email.template === TRN_LINKED_EMAIL)
    assert.equal(emails.length, 1)
    const body = fillPlaceholders(ADMIN_EMAILS[TRN_LINKED_EMAIL]?.body ?? '', emails[0]?.personalisation as Record<string, string>)
    assert.match(body, /^Dear Jack,/)
    assert.match(body, new RegExp(`Your teacher reference number \\(TRN\\) is ${jack}\\.`))

    await agent.get('/admin/support-queue')
    assert.ok(!agent.text().includes('j.robinson@school.example'), 'the request has left the queue')

    await agent.get(`/admin/users/${user.sub}/history`)
    assert.match(agent.text(), new RegExp(`TRN assigned ${test.staff.support.email.replace(/\./g, '\\.')} \\(staff\\) First name: J → Jack Middle name: \\(none\\) → Thomas TRN: \\(none\\) → ${jack} Teaching record: Pending → Found Reason: Checked their payslip`))
    assert.match(agent.text(), /Support request closed .* Status: open → closed Outcome: \(none\) → TRN assigned/)
  })

  it('gives the person their TRN, Found, on their next visit to the service', async () => {
    const { user, jake } = await twins('jake.r@school.example')
    await openAssign(user.sub, jake)
    await agent.submit({ reason: 'Confirmed on the phone' })
    await agent.submit()
    assert.match(agent.text(), new RegExp(`TRN ${jake} is now linked`))

    const client = await test.signIn.registerClient({ name: 'Register for an NPQ' })
    const journey = await test.signIn.start(client)
    await journey.submit({ email: 'jake.r@school.example' })
    await journey.submit({ code: FIXED_CODE })
    assert.ok(journey.handedBack(), 'Found now, so nothing to tell them: straight back to the service')
    const { claims } = await journey.finish()
    assert.equal(claims.sub, user.sub)
    assert.equal(claims.trn, jake)
    assert.equal(claims.trn_lookup_status, 'Found')
    assert.equal(claims.given_name, 'Jake')
  })

  it('applies a confirmation posted twice only once', async () => {
    const { user, jack } = await twins('twice@school.example')
    await openAssign(user.sub, jack)
    await agent.submit({ reason: 'Checked' })
    const confirmation = agent.page
    await agent.submit()
    assert.match(agent.text(), new RegExp(`TRN ${jack} is now linked`))
    agent.page = confirmation
    await agent.submit()
    assert.equal(agent.path(), `/admin/users/${user.sub}`)
    assert.match(agent.text(), new RegExp(`TRN ${jack} is already linked to this account\\. Nothing was changed\\.`))
    assert.equal((await eventsOf(user.sub)).filter((event) => event.event_type === 'user_trn_assigned').length, 1)
    assert.equal((await test.emailsTo('twice@school.example')).filter((email) => email.template === TRN_LINKED_EMAIL).length, 1)
    assert.equal((await notificationsAbout(user.sub)).length, 1)
  })

  it('refuses what cannot be linked with a clear message, and changes nothing', async () => {
    const { user, jack, jake } = await twins('refused@school.example')
    await test.createUser({ email: 'owner@school.example', trn: '1000005', trn_lookup_status: 'Found', trn_verification_level: 'low' })
    const eventsBefore = (await eventsOf(user.sub)).length
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ trn: '', reason: '' }, ['Enter the TRN', 'Enter why you are making this change']],
      [{ trn: '12345', reason: 'x' }, ['A TRN must be 7 digits']],
      [{ trn: '1999999', reason: 'x' }, ['There is no teaching record with TRN 1999999']],
      [{ trn: '1000012', reason: 'x' }, ['The teaching record with TRN 1000012 has been deactivated: it cannot be linked']],
      [{ trn: '1000011', reason: 'x' }, ['TRN 1000011 was merged into TRN 1000001: link TRN 1000001 instead']],
      [{ trn: '1000005', reason: 'x' }, ['TRN 1000005 is already linked to another account (owner@school.example)']],
      [{ trn: jack, reason: 'x'.repeat(1001) }, ['The reason must be 1000 characters or less']],
    ]
    for (const [fields, errors] of cases) {
      await openAssign(user.sub, '')
      await agent.submit(fields)
      assert.equal(agent.page.status, 400, JSON.stringify(fields))
      assert.deepEqual(agent.errorSummary(), errors)
      assert.match(agent.page.body, /<title>Error: Assign a TRN/)
    }
    test.recordsDown(true)
    try {
      await openAssign(user.sub, '')
      await agent.submit({ trn: jack, reason: 'x' })
      assert.deepEqual(agent.errorSummary(), ['The teaching record service could not be reached, so the TRN could not be checked. Try again in a few minutes'])
      await agent.get(`/admin/users/${user.sub}`)
      assert.equal(agent.page.status, 200, 'the user page still opens')
      assert.match(agent.text(), /The teaching record service could not be reached/)
    } finally {
      test.recordsDown(false)
    }

    // A confirmation whose TRN was taken by another account in the meantime, or tampered with, or not confirmed.
    await openAssign(user.sub, jake)
    await agent.submit({ reason: 'Checked' })
    await test.createUser({ email: 'quicker@school.example', trn: jake, trn_lookup_status: 'Found', trn_verification_level: 'low' })
    await agent.submit()
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), [`TRN ${jake} is already linked to another account (quicker@school.example)`])
    await openAssign(user.sub, jack)
    await agent.submit({ reason: 'Checked' })
    await agent.submit({ confirmed: '' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Confirm the change'])

    const unchanged = await userRow(user.sub)
    assert.equal(unchanged.trn, null)
    assert.equal(unchanged.trn_lookup_status, 'Pending')
    assert.equal((await eventsOf(user.sub)).length, eventsBefore)
  })

  it('links a TRN typed by the agent, for an account without a ticket', async () => {
    const trn = await test.addRecord({ firstName: 'Priya', lastName: 'Chaudhry', dateOfBirth: '1982-09-18' })
    const user = await test.createUser({ email: 'no.ticket@school.example', given_name: 'Priya', middle_name: null, family_name: 'Chaudhry', birthdate: '1982-09-18', trn_lookup_status: 'None' })
    await agent.get(`/admin/users/${user.sub}?trn=${trn}`)
    assert.match(agent.text(), new RegExp(`This account TRN ${trn} The TRN you looked up First name Priya Priya Matches`))
    await agent.get(`/admin/users/${user.sub}?trn=12`)
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['A TRN must be 7 digits'])
    await openAssign(user.sub, '')
    await agent.submit({ trn: `${trn.slice(0, 3)} ${trn.slice(3)}`, reason: 'She emailed her TRN certificate' })
    await agent.submit()
    assert.match(agent.text(), new RegExp(`TRN ${trn} is now linked`))
    assert.equal((await userRow(user.sub)).trn, trn)
  })

  it('shows 404 for an account that does not exist', async () => {
    for (const path of ['/admin/users/00000000-0000-4000-8000-000000000000', '/admin/users/not-a-uuid/assign-trn', '/admin/users/00000000-0000-4000-8000-000000000000/history']) {
      await agent.get(path)
      assert.equal(agent.page.status, 404, path)
      assert.equal(agent.heading(), 'Page not found')
    }
  })
})
