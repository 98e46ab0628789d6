import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemClock } from '../../../../../../packages/kit/src/clock.ts'
import { createSubscription } from '../../../webhooks/subscriptions.ts'
import { adminDb } from '../../schema.ts'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../../testing.ts'

// Each test's people have a last name of their own, so the "same last name and date of birth" list is theirs alone.
const LAST_NAMES = ['Ashworth', 'Baptiste', 'Chowdhury', 'Delaney', 'Egwu', 'Fairbairn', 'Gallagher']

describe('merging two accounts of one person from the support console', () => {
  let test: AdminTest
  let agent: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    agent = await test.signedIn(test.staff.support)
    await createSubscription(test.db, systemClock, { endpoint: 'https://npq.example/webhooks/identity', messageTypes: ['UserMerged', 'UserUpdated'] }, { actor: 'test', requireHttps: false })
  })
  after(() => test?.close())

  const userRow = (sub: string) => test.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const eventsOf = (sub: string) => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('user_sub', '=', sub).orderBy('id').execute()
  const ticketRow = (id: string) => adminDb(test.db).selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const notifications = async (type: 'UserMerged' | 'UserUpdated') =>
    (await adminDb(test.db).selectFrom('webhook_notifications').select('body').where('message_type', '=', type).execute()).map((row) => JSON.parse(row.body))

  /** One person twice: the same names and date of birth under two addresses. */
  async function samePersonTwice(keptFields = {}, mergedFields = {}) {
    const family_name = LAST_NAMES.shift() as string
    const person = { given_name: 'Priya', middle_name: null, family_name, preferred_name: null, birthdate: '1988-04-12' }
    const kept = await test.createUser({ ...person, email: `priya.${family_name.toLowerCase()}@school.example`, ...keptFields })
    return { kept, family_name, person, mergedFields }
  }

  it('finds the duplicate, asks which address to keep and why, confirms, then merges once, telling services', async () => {
    const { kept, family_name, person } = await samePersonTwice({ trn: '1000001', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const { user: merged, ticket } = await test.pendingUser({ user: { ...person, email: `priya.${family_name.toLowerCase()}@home.example` } })

    await agent.get(`/admin/users/${kept.sub}`)
    await agent.get(`/admin/users/${kept.sub}/merge`)
    assert.equal(agent.heading(), 'Merge another account into this one')
    assert.match(agent.text(), new RegExp(`Accounts with the same last name and date of birth .*Priya ${family_name} ${merged.email}`))
    assert.doesNotMatch(agent.text(), new RegExp(`Priya ${family_name} ${kept.email.replace('.', '\\.')}`), 'not the account itself')

    await agent.submit({ account: '' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Enter the other account’s email address, TRN or account id'])
    await agent.submit({ account: kept.email })
    assert.deepEqual(agent.errorSummary(), ['Choose a different account: an account cannot be merged into itself'])
    await agent.submit({ account: 'nobody@school.example' })
    assert.deepEqual(agent.errorSummary(), ['No account has the email address, TRN or account id nobody@school.example'])
    await agent.submit({ account: merged.email.toUpperCase() })
    assert.equal(agent.path(), `/admin/users/${kept.sub}/merge/${merged.sub}`)
    assert.equal(agent.heading(), `Merge ${merged.email} into this account`)
    assert.match(agent.text(), new RegExp(`TRN 1000001 None linked Teaching record Found Pending Open support request None Raised`))
    assert.doesNotMatch(agent.text(), /Which TRN is theirs\?/, 'only one account has a TRN: nothing to choose')

    await agent.submit({ reason: 'Same person: confirmed by phone' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Choose which email address to keep'])
    await agent.submit({ email: 'merged', reason: 'Same person: confirmed by phone' })
    assert.equal(agent.heading(), 'Check before you merge the accounts')
    assert.match(agent.text(), new RegExp(`Email address ${merged.email.replace(/\./g, '\\.')} Name Priya ${family_name} Date of birth 12 April 1988 TRN 1000001 Teaching record Found Reason Same person: confirmed by phone`))
    assert.equal((await userRow(merged.sub)).merged_into, null, 'nothing changes before the confirmation')
    const confirmation = agent.page

    await agent.submit()
    assert.equal(agent.path(), `/admin/users/${kept.sub}`)
    assert.match(agent.text(), new RegExp(`The account ${merged.email.replace(/\./g, '\\.')} is merged into this account\\.`))
    assert.match(agent.text(), new RegExp(`Accounts merged into this one ${merged.sub}`))
    const keptAfter = await userRow(kept.sub)
    const mergedAfter = await userRow(merged.sub)
    assert.deepEqual([keptAfter.email, keptAfter.trn, keptAfter.trn_lookup_status], [merged.email, '1000001', 'Found'])
    assert.equal(mergedAfter.merged_into, kept.sub)
    assert.ok(mergedAfter.merged_at)
    const closed = await ticketRow(ticket.id)
    assert.deepEqual([closed.status, closed.outcome, closed.user_sub], ['closed', 'merged', merged.sub], 'the kept account has its TRN: the request is settled')

    const keptEvents = (await eventsOf(kept.sub)).filter((event) => event.event_type === 'user_merged')
    assert.equal(keptEvents.length, 1)
    assert.deepEqual(keptEvents[0]?.details, {
      staff: { id: test.staff.support.id, email: test.staff.support.email },
      reason: 'Same person: confirmed by phone',
      mergedUserId: merged.sub,
      mergedEmail: merged.email,
      before: { email: kept.email },
      after: { email: merged.email },
      ticketClosed: ticket.id,
    })
    assert.equal(keptEvents[0]?.actor, `staff:${test.staff.support.id}`)
    assert.deepEqual(
      (await eventsOf(merged.sub)).filter((event) => event.event_type === 'user_merged_into').map((event) => event.details),
      [{ staff: { id: test.staff.support.id, email: test.staff.support.email }, reason: 'Same person: confirmed by phone', keptUserId: kept.sub, keptEmail: merged.email }],
    )
    assert.deepEqual(
      (await notifications('UserMerged')).filter((body) => body.message.masterUserId === kept.sub).map((body) => body.message),
      [{ masterUserId: kept.sub, mergedUserId: merged.sub }],
    )
    assert.deepEqual(
      (await notifications('UserUpdated')).filter((body) => body.message.user.userId === kept.sub).map((body) => body.message.changes),
      [{ emailAddress: merged.email }],
    )

    await agent.get(`/admin/users/${kept.sub}/history`)
    assert.match(agent.text(), new RegExp(`Account ${merged.email.replace(/\./g, '\\.')} merged into this one ${test.staff.support.email.replace(/\./g, '\\.')} \\(staff\\) Email address: ${kept.email.replace(/\./g, '\\.')} → ${merged.email.replace(/\./g, '\\.')}`))

    // The confirmation posted again: nothing more happens.
    agent.page = confirmation
    await agent.submit()
    assert.equal(agent.path(), `/admin/users/${kept.sub}`)
    assert.match(agent.text(), /is already merged into this account\. Nothing was changed\./)
    assert.equal((await eventsOf(kept.sub)).filter((event) => event.event_type === 'user_merged').length, 1)
    assert.equal((await notifications('UserMerged')).filter((body) => body.message.masterUserId === kept.sub).length, 1)
  })

  it('shows a merged account as merged, with where it went, and offers nothing to change on it', async () => {
    const { kept, person, family_name } = await samePersonTwice()
    const other = await test.createUser({ ...person, email: `p.${family_name.toLowerCase()}@other.example` })
    await agent.get(`/admin/users/${kept.sub}/merge/${other.sub}`)
    await agent.submit({ email: 'kept', reason: 'Duplicate' })
    await agent.submit()

    await agent.get(`/admin/users/${other.sub}`)
    assert.match(agent.text(), new RegExp(`This account was merged into the account ${kept.email.replace(/\./g, '\\.')} on`))
    assert.doesNotMatch(agent.text(), /Assign a TRN|Correct their details/)
    for (const page of ['assign-trn', 'correct-details', 'no-trn', 'merge']) {
      await agent.get(`/admin/users/${other.sub}/${page}`)
      assert.equal(agent.page.status, 404, page)
    }
    await agent.get(`/admin/users/${other.sub}/history`)
    assert.match(agent.text(), new RegExp(`Merged into account ${kept.email.replace(/\./g, '\\.')}`))
    await agent.get(`/admin/users?q=${encodeURIComponent(other.email)}`)
    assert.match(agent.text(), new RegExp(`No accounts match ‘${other.email.replace(/\./g, '\\.')}’`))
    await agent.get(`/admin/users?q=${other.sub}`)
    assert.match(agent.text(), /Merged into another account/)

    // Another account cannot be merged into the merged one, nor the merged one into another.
    const third = await test.createUser({ ...person, email: `third.${family_name.toLowerCase()}@school.example` })
    await agent.get(`/admin/users/${third.sub}/merge`)
    await agent.submit({ account: other.sub })
    assert.deepEqual(agent.errorSummary(), [`No account has the email address, TRN or account id ${other.sub}`])
    await agent.get(`/admin/users/${third.sub}/merge/${other.sub}`)
    assert.equal(agent.page.status, 404)
  })

  it('moves the merged account’s open request to the kept account when that has no TRN and no request', async () => {
    const { kept, person, family_name } = await samePersonTwice({ trn_lookup_status: 'None' })
    const { user: merged, ticket } = await test.pendingUser({ user: { ...person, email: `priya.${family_name.toLowerCase()}@work.example` } })
    await agent.get(`/admin/users/${kept.sub}/merge/${merged.sub}`)
    await agent.submit({ email: 'kept', reason: 'Registered twice' })
    await agent.submit()
    assert.deepEqual([(await userRow(kept.sub)).trn_lookup_status, (await userRow(kept.sub)).email], ['Pending', kept.email])
    const moved = await ticketRow(ticket.id)
    assert.deepEqual([moved.status, moved.user_sub], ['open', kept.sub])
    await agent.get('/admin/support-queue')
    assert.match(agent.page.body, new RegExp(`href="/admin/users/${kept.sub}">Priya ${family_name}</a>`), 'the queue leads to the kept account')
    await agent.get(`/admin/users/${kept.sub}/history`)
    assert.match(agent.text(), /Support request moved here from a merged account/)
  })

  it('asks which TRN when both accounts have one, and keeps the chosen one', async () => {
    const { kept, person, family_name } = await samePersonTwice({ trn: '1000002', trn_lookup_status: 'Found', trn_verification_level: 'low' })
    const merged = await test.createUser({ ...person, email: `priya2.${family_name.toLowerCase()}@school.example`, trn: '1000003', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    await agent.get(`/admin/users/${kept.sub}/merge/${merged.sub}`)
    await agent.submit({ email: 'kept', reason: 'Duplicate records' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Choose which TRN to keep'])
    await agent.submit({ email: 'kept', trn: 'elsewhere', reason: 'Duplicate records' })
    assert.deepEqual(agent.errorSummary(), ['Choose which TRN to keep'])
    await agent.submit({ email: 'kept', trn: 'merged', reason: 'Duplicate records' })
    await agent.submit()
    const after = await userRow(kept.sub)
    assert.deepEqual([after.trn, after.trn_verification_level], ['1000003', 'medium'])
    // The TRN is the kept account's now: a search by it finds that account alone.
    await agent.get('/admin/users?q=1000003')
    assert.match(agent.text(), new RegExp(kept.email.replace(/\./g, '\\.')))
    assert.doesNotMatch(agent.text(), new RegExp(merged.email.replace(/\./g, '\\.')))
  })

  it('refuses a confirmation posted without its answers, and changes nothing', async () => {
    const { kept, person, family_name } = await samePersonTwice()
    const merged = await test.createUser({ ...person, email: `pp.${family_name.toLowerCase()}@school.example` })
    await agent.get(`/admin/users/${kept.sub}/merge/${merged.sub}`)
    await agent.post(`/admin/users/${kept.sub}/merge/${merged.sub}/confirm`, { reason: 'Duplicate', confirmed: 'yes' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Choose which email address to keep'])
    await agent.post(`/admin/users/${kept.sub}/merge/${merged.sub}/confirm`, { email: 'kept', reason: 'Duplicate' })
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Confirm the change'])
    assert.equal((await userRow(merged.sub)).merged_into, null)
    assert.deepEqual((await eventsOf(kept.sub)).filter((event) => event.event_type === 'user_merged'), [])
  })
})
