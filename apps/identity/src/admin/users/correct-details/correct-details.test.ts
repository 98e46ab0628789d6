import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemClock } from '../../../../../../packages/kit/src/clock.ts'
import { createSubscription } from '../../../webhooks/subscriptions.ts'
import { adminDb } from '../../schema.ts'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../../testing.ts'

describe('correcting someone’s details', () => {
  let test: AdminTest
  let agent: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    agent = await test.signedIn(test.staff.support)
    await createSubscription(test.db, systemClock, { endpoint: 'https://npq.example/webhooks/identity', messageTypes: ['UserUpdated'] }, { actor: 'test', requireHttps: false })
  })
  after(() => test?.close())

  const userRow = (sub: string) => test.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const eventsOf = (sub: string) => test.db.selectFrom('events').select(['event_type', 'details']).where('user_sub', '=', sub).orderBy('id').execute()

  it('shows the changes before saving them, saves only what changed, and tells the services', async () => {
    const user = await test.createUser({ email: 'sara.tompson@school.example', given_name: 'Sara', middle_name: 'Jane', family_name: 'Tompson', preferred_name: null, birthdate: '1986-04-21' })
    await agent.get(`/admin/users/${user.sub}/correct-details`)
    assert.equal(agent.heading(), 'Correct their details')
    assert.match(agent.page.body, /name="dateOfBirth-day" type="text" value="21"/)
    await agent.submit({ firstName: 'Sarah', lastName: 'Thompson', 'dateOfBirth-day': '12', 'dateOfBirth-month': '4', email: 'Sarah.Thompson@school.example', reason: 'Typos when registering; she sent her passport' })
    assert.equal(agent.heading(), 'Check the changes')
    assert.match(agent.text(), /First name Sara Sarah Last name Tompson Thompson Date of birth 21 April 1986 12 April 1986 Email address sara\.tompson@school\.example Sarah\.Thompson@school\.example/)
    assert.ok(!agent.text().includes('Middle name'), 'only what changes is listed')
    assert.match(agent.text(), /They will sign in with the new email address from now on/)
    assert.equal((await userRow(user.sub)).given_name, 'Sara', 'nothing changes before the confirmation')

    await agent.submit()
    assert.equal(agent.path(), `/admin/users/${user.sub}`)
    assert.match(agent.text(), /The account’s details are corrected\./)
    const corrected = await userRow(user.sub)
    assert.deepEqual([corrected.email, corrected.given_name, corrected.middle_name, corrected.family_name, corrected.birthdate], ['Sarah.Thompson@school.example', 'Sarah', 'Jane', 'Thompson', '1986-04-12'])
    const [event] = (await eventsOf(user.sub)).filter((row) => row.event_type === 'user_details_corrected')
    assert.deepEqual(event?.details, {
      staff: { id: test.staff.support.id, email: test.staff.support.email },
      reason: 'Typos when registering; she sent her passport',
      before: { email: 'sara.tompson@school.example', firstName: 'Sara', lastName: 'Tompson', dateOfBirth: '1986-04-21' },
      after: { email: 'Sarah.Thompson@school.example', firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: '1986-04-12' },
    })
    const bodies = (await adminDb(test.db).selectFrom('webhook_notifications').select('body').execute()).map((row) => JSON.parse(row.body))
    const update = bodies.find((body) => body.message.user?.userId === user.sub)
    assert.deepEqual(update?.message.changes, { emailAddress: 'Sarah.Thompson@school.example', firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: '1986-04-12' })

    await agent.get(`/admin/users/${user.sub}/history`)
    assert.match(agent.text(), /Details corrected .* First name: Sara → Sarah Last name: Tompson → Thompson Date of birth: 21 April 1986 → 12 April 1986 Email address: sara\.tompson@school\.example → Sarah\.Thompson@school\.example Reason: Typos when registering/)
  })

  it('lists every problem at once, keeps what was typed, and changes nothing', async () => {
    const user = await test.createUser({ email: 'kept@school.example' })
    await test.createUser({ email: 'taken@school.example' })
    await agent.get(`/admin/users/${user.sub}/correct-details`)
    await agent.submit({ firstName: '', lastName: 'L'.repeat(101), 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1990', email: 'nope', reason: '' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), [
      'Enter the first name',
      'The last name must be 100 characters or less',
      'Date of birth must be a real date',
      'Enter an email address in the correct format, like name@example.com',
      'Enter why you are making this change',
    ])
    assert.match(agent.page.body, /value="nope"/)
    await agent.submit({ firstName: 'Sarah', lastName: 'Thompson', 'dateOfBirth-day': '12', 'dateOfBirth-month': '4', 'dateOfBirth-year': '1986', email: user.email, reason: 'No change' })
    assert.deepEqual(agent.errorSummary(), ['Change at least one detail, or go back to the account'])
    await agent.submit({ email: 'TAKEN@school.example', reason: 'Asked to' })
    assert.equal(agent.heading(), 'Check the changes')
    await agent.submit()
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Another account already uses this email address'])
    assert.equal((await userRow(user.sub)).email, user.email)
    assert.deepEqual(await eventsOf(user.sub), [])
  })

  it('saves a confirmation posted twice once', async () => {
    const user = await test.createUser({ email: 'twice.details@school.example', preferred_name: null })
    await agent.get(`/admin/users/${user.sub}/correct-details`)
    await agent.submit({ preferredName: 'Sadie', reason: 'Asked on the phone' })
    const confirmation = agent.page
    await agent.submit()
    agent.page = confirmation
    await agent.submit()
    assert.match(agent.text(), /The details were already as you asked\. Nothing was changed\./)
    assert.equal((await userRow(user.sub)).preferred_name, 'Sadie')
    assert.equal((await eventsOf(user.sub)).length, 1)
  })
})
