import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../testing.ts'
import { findStaffByEmail, seedDemoStaff } from './staff-users.ts'

describe('admins managing staff accounts', () => {
  let test: AdminTest
  let admin: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    admin = await test.signedIn(test.staff.admin)
  })
  after(() => test?.close())

  const staffEvents = () => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('event_type', 'in', ['staff_added', 'staff_updated']).where('actor', '=', `staff:${test.staff.admin.id}`).orderBy('id').execute()

  it('adds a support agent who can then sign in, with the event saying who added them', async () => {
    await admin.get('/admin/staff')
    assert.equal(admin.heading(), 'Staff accounts')
    await admin.get('/admin/staff/new')
    await admin.submit({ email: '', name: '', roles: [] })
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), ['Enter an email address', 'Enter a name', 'Select at least one role'])
    await admin.submit({ email: 'new.agent@education.gov.uk', name: 'Nia Agent', roles: 'support' })
    assert.equal(admin.path(), '/admin/staff')
    assert.match(admin.text(), /Nia Agent can now sign in to the support console with new\.agent@education\.gov\.uk\./)
    assert.match(admin.text(), /Nia Agent new\.agent@education\.gov\.uk Support Active/)
    const added = await findStaffByEmail(test.db, 'NEW.AGENT@education.gov.uk')
    assert.ok(added)
    assert.deepEqual(added.roles, ['support'])
    const event = (await staffEvents()).find((row) => row.event_type === 'staff_added')
    assert.deepEqual(event?.details, {
      staff: { id: test.staff.admin.id, email: test.staff.admin.email },
      staffId: added.id,
      before: null,
      after: { email: 'new.agent@education.gov.uk', name: 'Nia Agent', roles: ['support'], active: true },
    })
    const agent = await test.signedIn(added)
    assert.equal(agent.heading(), 'Support console')

    await admin.get('/admin/staff/new')
    await admin.submit({ email: 'New.Agent@Education.gov.uk', name: 'Again', roles: ['support', 'admin'] })
    assert.deepEqual(admin.errorSummary(), ['A staff account with this email address already exists'])
  })

  it('changes roles, which take effect on the next request, and deactivates and reactivates', async () => {
    const member = await test.addStaff(['support'], 'Rory Roles')
    const agent = await test.signedIn(member)
    await agent.get('/admin/staff')
    assert.equal(agent.page.status, 403)

    await admin.get(`/admin/staff/${member.id}`)
    await admin.submit({ roles: ['support', 'admin'] })
    assert.match(admin.text(), /Rory Roles’s account is updated\./)
    await agent.get('/admin/staff')
    assert.equal(agent.page.status, 200, 'an admin now')

    await admin.get(`/admin/staff/${member.id}/deactivate`)
    assert.equal(admin.heading(), 'Deactivate Rory Roles')
    await admin.submit()
    assert.match(admin.text(), /Rory Roles can no longer sign in, and has been signed out\./)
    assert.match(admin.text(), /Rory Roles .* Deactivated/)
    await agent.get('/admin')
    assert.equal(agent.path(), '/admin/sign-in')

    await admin.get(`/admin/staff/${member.id}/reactivate`)
    await admin.submit()
    assert.match(admin.text(), /Rory Roles can sign in again\./)
    const events = (await staffEvents()).filter((row) => (row.details as { staffId?: string }).staffId === member.id)
    assert.deepEqual(
      events.map((row) => [(row.details as { before: { active: boolean } }).before.active, (row.details as { after: { active: boolean; roles: string[] } }).after]),
      [
        [true, { email: member.email, name: 'Rory Roles', roles: ['support', 'admin'], active: true }],
        [true, { email: member.email, name: 'Rory Roles', roles: ['support', 'admin'], active: false }],
        [false, { email: member.email, name: 'Rory Roles', roles: ['support', 'admin'], active: true }],
      ],
    )
  })

  it('does not let an admin lock themselves out', async () => {
    await admin.get(`/admin/staff/${test.staff.admin.id}`)
    await admin.submit({ roles: 'support' })
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), ['You cannot take the admin role away from yourself'])
    await admin.get(`/admin/staff/${test.staff.admin.id}/deactivate`)
    await admin.submit()
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), ['You cannot deactivate your own account'])
    const self = await findStaffByEmail(test.db, test.staff.admin.email)
    assert.deepEqual([self?.roles, self?.active], [['admin'], true])
  })

  it('seeds the demo admin and support agent once', async () => {
    assert.deepEqual((await seedDemoStaff(test.db)).sort(), ['admin@example.com', 'support@example.com'])
    assert.deepEqual(await seedDemoStaff(test.db), [])
    assert.deepEqual((await findStaffByEmail(test.db, 'admin@example.com'))?.roles, ['admin'])
    assert.deepEqual((await findStaffByEmail(test.db, 'support@example.com'))?.roles, ['support'])
  })
})
