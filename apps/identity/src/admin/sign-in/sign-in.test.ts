import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startAdminTest, type AdminTest } from '../testing.ts'
import { updateStaff } from '../staff/staff-users.ts'

const sessionCookie = (cookies: string[]) => cookies.filter((name) => name === 'identity_session').length

describe('staff signing in to the support console', () => {
  let test: AdminTest
  before(async () => {
    // Real random codes, read from the emails queued, so a code can only be known by reading the staff's email.
    test = await startAdminTest({ fixedCode: null, limits: { codesPerEmail: 4 } })
  })
  after(() => test?.close())

  const codeEmails = async (email: string) => (await test.emailsTo(email)).filter((sent) => sent.template === 'sign-in-code')
  const staffEvents = (staffId: string) => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('actor', '=', `staff:${staffId}`).orderBy('id').execute()

  it('signs a support agent in with the code emailed to them, in a new session, and records it', async () => {
    const member = await test.addStaff(['support'], 'Priya Agent')
    const person = test.browser()
    await person.get('/admin/sign-in')
    assert.equal(person.heading(), 'Sign in to the support console')
    await person.submit({ email: `  ${member.email.toUpperCase()} ` })
    assert.equal(person.path(), '/admin/sign-in/code')
    assert.equal(person.heading(), 'Check your email')
    const emails = await codeEmails(member.email.toUpperCase())
    assert.equal(emails.length, 1, 'the code email is the identity’s own code email')
    assert.equal(emails[0]?.personalisation.service_name, 'the DfE Identity support console')
    const code = String(emails[0]?.personalisation.code)
    assert.match(code, /^\d{6}$/)
    const stored = await test.db.selectFrom('email_codes').select('code_hash').where('email', '=', member.email.toUpperCase()).execute()
    assert.equal(stored.length, 1)
    assert.notEqual(stored[0]?.code_hash, code, 'only a hash of the code is kept')

    const before = await test.db.selectFrom('web_sessions').select('sid').execute()
    await person.submit({ code: code.replace(/(\d{3})/, '$1 ') })
    assert.equal(person.path(), '/admin')
    assert.equal(person.heading(), 'Support console')
    assert.match(person.text(), /Signed in as Priya Agent/)
    const afterSignIn = await test.db.selectFrom('web_sessions').select(['sid', 'data']).execute()
    const staffSession = afterSignIn.find((row) => JSON.stringify(row.data).includes(member.id))
    assert.ok(staffSession, 'the session holds the staff id')
    assert.ok(!before.some((row) => row.sid === staffSession.sid), 'with a new session id')
    assert.equal(sessionCookie(person.browser.cookieNames()), 1)
    assert.deepEqual((await staffEvents(member.id)).map((event) => event.event_type), ['staff_signed_in'])

    // A code belongs to the sign-in it was sent for: another browser starting again cannot use it.
    const again = test.browser()
    await again.get('/admin/sign-in')
    await again.submit({ email: member.email })
    await again.submit({ code })
    assert.equal(again.page.status, 400)
    assert.deepEqual(again.errorSummary(), ['The security code is not correct. You can try 4 more times.'])
  })

  it('shows an address that is not staff’s the same pages, sends it nothing, and never signs it in', async () => {
    const teacher = await test.createUser({ email: 'not.staff@school.example' })
    for (const email of [teacher.email, 'nobody.at.all@education.gov.uk']) {
      const person = test.browser()
      await person.get('/admin/sign-in')
      await person.submit({ email })
      assert.equal(person.path(), '/admin/sign-in/code')
      assert.equal(person.heading(), 'Check your email')
      assert.match(person.text(), new RegExp(`If ${email.replace(/\./g, '\\.')} belongs to a member of staff, we’ve sent a security code to it`))
      assert.deepEqual(await test.emailsTo(email), [], 'no email is sent')
      for (const code of ['000000', '424242', '123456']) {
        await person.submit({ code })
        assert.equal(person.page.status, 400)
        assert.match(person.errorSummary()[0] ?? '', /^The security code is not correct\. You can try \d more times?\.$/)
      }
      await person.get('/admin')
      assert.equal(person.path(), '/admin/sign-in', 'no staff session')
    }
  })

  it('treats a deactivated member of staff as anyone else, and ends the session they had', async () => {
    const member = await test.addStaff(['support'])
    const signedIn = await test.signedIn(member)
    await updateStaff(test.db, test.clock, member.id, { active: false }, { by: 'test' })

    await signedIn.get('/admin/support-queue')
    assert.equal(signedIn.path(), '/admin/sign-in', 'the next request finds them signed out')

    const person = test.browser()
    await person.get('/admin/sign-in')
    const sentBefore = (await codeEmails(member.email)).length
    await person.submit({ email: member.email })
    assert.equal(person.heading(), 'Check your email')
    assert.equal((await codeEmails(member.email)).length, sentBefore, 'no code is sent to a deactivated address')
  })

  it('counts wrong codes, and a code that has had five wrong tries is dead', async () => {
    const member = await test.addStaff(['admin'])
    const person = test.browser()
    await person.get('/admin/sign-in')
    await person.submit({ email: member.email })
    const code = (await test.latestCodeFor(member.email)) as string
    const wrong = code === '999999' ? '999998' : '999999'
    await person.submit({ code: '' })
    assert.deepEqual(person.errorSummary(), ['Enter the security code'])
    await person.submit({ code: '12ab56' })
    assert.deepEqual(person.errorSummary(), ['The security code must only include numbers'])
    await person.submit({ code: '12345' })
    assert.deepEqual(person.errorSummary(), ['The security code must be 6 numbers'])
    for (const left of [4, 3, 2, 1]) {
      await person.submit({ code: wrong })
      assert.deepEqual(person.errorSummary(), [`The security code is not correct. You can try ${left} more ${left === 1 ? 'time' : 'times'}.`])
    }
    await person.submit({ code: wrong })
    assert.deepEqual(person.errorSummary(), ['You have entered the wrong security code too many times. Get a new code.'])
    await person.submit({ code })
    assert.equal(person.path(), '/admin/sign-in/code', 'even the right code no longer works')

    await person.submit({}, { action: '/admin/sign-in/code/resend' })
    assert.equal(person.heading(), 'Check your email')
    assert.match(person.text(), /We’ve sent a new code to/)
    await person.submit({ code: (await test.latestCodeFor(member.email)) as string }, { action: '/admin/sign-in/code' })
    assert.equal(person.path(), '/admin')
  })

  it('limits the codes sent to one address, as the teachers’ sign-in does', async () => {
    const member = await test.addStaff(['support'])
    const person = test.browser()
    for (let sent = 0; sent < 4; sent++) {
      await person.get('/admin/sign-in')
      await person.submit({ email: member.email })
      assert.equal(person.page.status, 200)
    }
    await person.get('/admin/sign-in')
    await person.submit({ email: member.email })
    assert.equal(person.page.status, 429)
    assert.equal(person.heading(), 'Sorry, there have been too many attempts')
  })

  it('refuses a malformed address with the GOV.UK error, keeping what was typed', async () => {
    const person = test.browser()
    await person.get('/admin/sign-in')
    await person.submit({ email: '' })
    assert.equal(person.page.status, 400)
    assert.deepEqual(person.errorSummary(), ['Enter your email address'])
    await person.submit({ email: 'not an email' })
    assert.deepEqual(person.errorSummary(), ['Enter an email address in the correct format, like name@example.com'])
    assert.match(person.page.body, /value="not an email"/)
    await person.get('/admin/sign-in/code')
    assert.equal(person.path(), '/admin/sign-in', 'the code page needs an address first')
  })

  it('comes back to the page asked for, and only to a console page', async () => {
    const { user } = await test.pendingUser()
    const person = test.browser()
    await person.get(`/admin/users/${user.sub}/history`)
    assert.equal(person.path(), '/admin/sign-in')
    assert.equal(person.page.url.searchParams.get('returnTo'), `/admin/users/${user.sub}/history`)
    await person.submit({ email: test.staff.support.email })
    await person.submit({ code: (await test.latestCodeFor(test.staff.support.email)) as string })
    assert.equal(person.path(), `/admin/users/${user.sub}/history`)

    const tricked = test.browser()
    await tricked.get('/admin/sign-in?returnTo=https://evil.example/admin')
    await tricked.submit({ email: test.staff.support.email })
    await tricked.submit({ code: (await test.latestCodeFor(test.staff.support.email)) as string })
    assert.equal(tricked.page.url.origin, test.consoleUrl)
    assert.equal(tricked.path(), '/admin')
  })

  it('signs out with a button, ending the session', async () => {
    const person = await test.signedIn(test.staff.admin)
    await person.get('/admin/sign-out')
    assert.equal(person.heading(), 'Sign out of the support console')
    await person.submit()
    assert.equal(person.path(), '/admin/sign-in')
    assert.match(person.text(), /You have signed out/)
    await person.get('/admin')
    assert.equal(person.path(), '/admin/sign-in')
    const events = await staffEvents(test.staff.admin.id)
    assert.equal(events.at(-1)?.event_type, 'staff_signed_out')
  })
})
