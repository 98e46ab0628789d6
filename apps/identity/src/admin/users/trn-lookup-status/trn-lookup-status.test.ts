import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { adminDb } from '../../schema.ts'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../../testing.ts'

describe('marking that someone has no TRN, or that their lookup failed', () => {
  let test: AdminTest
  let agent: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    agent = await test.signedIn(test.staff.support)
  })
  after(() => test?.close())

  const userRow = (sub: string) => test.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const eventsOf = (sub: string) => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('user_sub', '=', sub).orderBy('id').execute()
  const ticketOf = (id: string) => adminDb(test.db).selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  for (const [page, status, heading, confirmTitle, done] of [
    ['no-trn', 'None', 'Mark as having no TRN', 'Confirm they have no TRN', 'The account is marked as having no TRN.'],
    ['lookup-failed', 'Failed', 'Mark the lookup as failed', 'Confirm the lookup failed', 'The account’s lookup is marked as failed.'],
  ] as const) {
    it(`/${page}: asks why, confirms, sets ${status}, closes the request and records it, once`, async () => {
      const { user, ticket } = await test.pendingUser()
      await agent.get(`/admin/users/${user.sub}/${page}`)
      assert.equal(agent.heading(), heading)
      await agent.submit({ reason: '   ' })
      assert.equal(agent.page.status, 400)
      assert.deepEqual(agent.errorSummary(), ['Enter why you are making this change'])
      await agent.submit({ reason: 'Called them: never trained as a teacher' })
      assert.equal(agent.heading(), confirmTitle)
      assert.match(agent.text(), /Teaching record now Pending/)
      assert.equal((await userRow(user.sub)).trn_lookup_status, 'Pending', 'nothing changes before the confirmation')
      const confirmation = agent.page
      await agent.submit()
      assert.equal(agent.path(), `/admin/users/${user.sub}`)
      assert.match(agent.text(), new RegExp(done))
      assert.equal((await userRow(user.sub)).trn_lookup_status, status)
      const closed = await ticketOf(ticket.id)
      assert.deepEqual([closed.status, closed.outcome, closed.closed_by], ['closed', 'no_trn', `staff:${test.staff.support.id}`])
      const changed = (await eventsOf(user.sub)).filter((event) => event.event_type === 'user_trn_lookup_status_changed')
      assert.equal(changed.length, 1)
      assert.deepEqual(changed[0]?.details, {
        staff: { id: test.staff.support.id, email: test.staff.support.email },
        reason: 'Called them: never trained as a teacher',
        before: { trnLookupStatus: 'Pending' },
        after: { trnLookupStatus: status },
        ticketId: ticket.id,
      })

      agent.page = confirmation
      await agent.submit()
      assert.match(agent.text(), /It already was, so nothing was changed\./)
      assert.equal((await eventsOf(user.sub)).filter((event) => event.event_type === 'user_trn_lookup_status_changed').length, 1)
    })
  }

  it('refuses an account that has a TRN, and changes nothing', async () => {
    const user = await test.createUser({ trn: '1000003', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    await agent.get(`/admin/users/${user.sub}/no-trn`)
    assert.match(agent.text(), /This account is linked to TRN 1000003/)
    await agent.submit({ reason: 'Mistake' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['This account is linked to TRN 1000003, so it cannot be marked this way'])
    // A confirmation posted straight away, without the page before it.
    await agent.post(`/admin/users/${user.sub}/lookup-failed/confirm`, { reason: 'Mistake', confirmed: 'yes' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['This account is linked to TRN 1000003, so its lookup status cannot be changed'])
    const after = await userRow(user.sub)
    assert.equal(after.trn_lookup_status, 'Found')
    assert.deepEqual(await eventsOf(user.sub), [])
  })
})
