import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ticketsDb } from '../support-tickets/schema.ts'
import type { TestClient } from '../testing/test-identity.ts'
import { addJamesSmithRecord, FIXED_CODE, startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../testing/test-sign-in.ts'

type Details = { firstName: string; middleName?: string; lastName: string; dateOfBirth: [string, string, string] }

const SARAH: Details = { firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: ['12', '4', '1986'] }
// Common enough that the matcher never links them on name and date of birth alone: only their TRN finds them.
const JAMES: Details = { firstName: 'James', lastName: 'Smith', dateOfBirth: ['5', '5', '1985'] }
const ADA: Details = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: ['10', '12', '1990'] }

let emailCounter = 0
const newEmail = (name: string) => `${name}.${++emailCounter}@school.example`

describe('registering', () => {
  let test: SignInTest
  let trnClient: TestClient
  let plainClient: TestClient
  let recordsDown = false

  before(async () => {
    test = await startSignInTest({
      fixedCode: FIXED_CODE,
      records: (real) => ({
        match: (details) => (recordsDown ? Promise.resolve({ outcome: 'unavailable', reason: 'test' }) : real.match(details)),
        getRecord: (trn) => (recordsDown ? Promise.resolve(null) : real.getRecord(trn)),
      }),
    })
    await addJamesSmithRecord(test)
    trnClient = await test.registerClient({ name: 'Register for an NPQ', raiseTrnSupportTickets: true })
    plainClient = await test.registerClient({ name: 'Plain service', scopes: ['openid', 'email', 'profile'] })
  })
  after(() => test?.close())

  async function verifiedNewEmail(client: TestClient, name: string, scope?: string): Promise<{ journey: JourneyBrowser; email: string }> {
    const email = newEmail(name)
    const journey = await test.start(client, scope ? { scope } : {})
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(journey.page.url.pathname, '/sign-in/name', 'an unknown email goes on to registration')
    return { journey, email }
  }

  async function giveDetails(journey: JourneyBrowser, details: Details) {
    await journey.submit({ firstName: details.firstName, middleName: details.middleName ?? '', lastName: details.lastName })
    assert.equal(journey.page.url.pathname, '/sign-in/preferred-name')
    await journey.submit({ preferredName: '' })
    const [day, month, year] = details.dateOfBirth
    await journey.submit({ 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year })
  }

  const path = (journey: JourneyBrowser) => journey.page.url.pathname

  it('asks only name, preferred name and date of birth of a service that does not want the teaching record', async () => {
    const { journey, email } = await verifiedNewEmail(plainClient, 'ada', 'openid email profile')
    await journey.submit({ firstName: '', lastName: 'Lovelace' })
    assert.equal(journey.page.status, 400)
    assert.deepEqual(journey.errorSummary(), ['Enter your first name'])
    assert.match(journey.page.body, /value="Lovelace"/, 'what was typed is kept')
    await journey.submit({ firstName: 'Augusta', middleName: 'Ada', lastName: 'Lovelace' })
    await journey.submit({ preferredName: 'A'.repeat(101) })
    assert.deepEqual(journey.errorSummary(), ['Preferred name must be 100 characters or less'])
    await journey.submit({ preferredName: 'Ada Lovelace' })
    await journey.submit({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1990' })
    assert.deepEqual(journey.errorSummary(), ['Date of birth must be a real date'])
    await journey.submit({ 'dateOfBirth-day': '10', 'dateOfBirth-month': '12', 'dateOfBirth-year': '1990' })
    assert.equal(path(journey), '/sign-in/check-answers')
    const summary = textOf(journey.page.body)
    for (const shown of [email, 'Augusta Ada Lovelace', 'Ada Lovelace', '10 December 1990']) assert.ok(summary.includes(shown), shown)
    assert.ok(!summary.includes('National Insurance'), 'no teaching record questions were asked')

    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    assert.equal(journey.heading(), 'You’ve created your account')
    assert.ok(!textOf(journey.page.body).includes('teaching record'))
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.email, email)
    assert.equal(claims.given_name, 'Augusta')
    assert.equal(claims.family_name, 'Lovelace')
    assert.equal(claims.preferred_name, 'Ada Lovelace')
    assert.equal(claims.birthdate, '1990-12-10')
    assert.equal(claims.trn_lookup_status, undefined)
  })

  it('finds Sarah Thompson by her NI number, skips the remaining questions and links her record, with its names', async () => {
    const { journey, email } = await verifiedNewEmail(trnClient, 'sarah')
    await giveDetails(journey, SARAH)
    assert.equal(path(journey), '/sign-in/has-ni-number', 'name and date of birth alone are too common to match')
    await journey.submit({})
    assert.deepEqual(journey.errorSummary(), ['Select yes if you have a National Insurance number'])
    await journey.submit({ hasNationalInsuranceNumber: 'yes' })
    await journey.submit({ nationalInsuranceNumber: 'QQ 12 34 56' })
    assert.deepEqual(journey.errorSummary(), ['Enter a National Insurance number in the correct format, like QQ 12 34 56 C'])
    await journey.submit({ nationalInsuranceNumber: 'qq 12 34 56 c' })
    assert.equal(path(journey), '/sign-in/check-answers', 'the TRN and QTS questions are skipped once the record is found')
    assert.match(textOf(journey.page.body), /National Insurance number QQ123456C/)
    await journey.submit()
    assert.match(textOf(journey.page.body), /We’ve found your teaching record .* \(TRN\) is 1000001/)
    await journey.submit()
    const { claims, userinfo } = await journey.finish()
    assert.equal(claims.trn, '1000001')
    assert.equal(claims.trn_lookup_status, 'Found')
    assert.equal(claims.name, 'Sarah Jane Thompson', 'the record’s names, middle name included, become the account’s')
    assert.equal(userinfo.email, email)
    const user = await test.identity.database.db.selectFrom('users').selectAll().where('sub', '=', claims.sub).executeTakeFirstOrThrow()
    assert.equal(user.trn_verification_level, 'medium')
  })

  it('finds a record only once the TRN is given, after no NI number', async () => {
    const { journey } = await verifiedNewEmail(trnClient, 'james')
    await giveDetails(journey, JAMES)
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    assert.equal(path(journey), '/sign-in/has-trn')
    assert.equal(journey.backLink(), '/sign-in/has-ni-number', 'Back follows the path taken, skipping the NI number')
    await journey.submit({ hasTrn: 'yes' })
    await journey.submit({ trn: '10000' })
    assert.deepEqual(journey.errorSummary(), ['Your TRN must be 7 digits'])
    await journey.submit({ trn: 'RP 100-0020' })
    assert.equal(path(journey), '/sign-in/check-answers', 'no QTS questions once the record is found')
    await journey.submit()
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn, '1000020')
    assert.equal(claims.trn_lookup_status, 'Found')
  })

  it('asks every question when nothing matches, and says what happens next', async () => {
    const { journey } = await verifiedNewEmail(trnClient, 'ada')
    await giveDetails(journey, ADA)
    await journey.submit({ hasNationalInsuranceNumber: 'yes' })
    await journey.submit({ notKnown: 'true' })
    await journey.submit({ hasTrn: 'yes' })
    await journey.submit({ notKnown: 'true' })
    assert.equal(path(journey), '/sign-in/has-qts')
    await journey.submit({ hasQts: 'yes' })
    await journey.submit({ ittProvider: 'University of Leeds' })
    assert.equal(path(journey), '/sign-in/check-answers')
    assert.match(textOf(journey.page.body), /National Insurance number I do not know it .* Teacher reference number \(TRN\) I do not know it .* Where you trained to teach University of Leeds/)

    // A change from check answers comes back to check answers.
    await journey.get('/sign-in/itt-provider?change=true')
    assert.equal(journey.backLink(), '/sign-in/check-answers')
    await journey.submit({ ittProvider: 'Leeds Trinity University' })
    assert.equal(path(journey), '/sign-in/check-answers')
    assert.match(textOf(journey.page.body), /Leeds Trinity University/)

    await journey.submit()
    const page = textOf(journey.page.body)
    assert.match(page, /We need to check your details/, 'they said they have QTS: Pending, for the helpdesk')
    assert.match(page, /usually takes up to 5 working days/)
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn_lookup_status, 'Pending')
    assert.equal(claims.trn, undefined)
    const tickets = await ticketsDb(test.identity.database.db).selectFrom('support_tickets').select(['reason', 'status']).where('user_sub', '=', claims.sub).execute()
    assert.deepEqual(tickets, [{ reason: 'stated_qts_not_found', status: 'open' }], 'a ticket for the helpdesk')
  })

  it('carries on when the records service is down, and the account waits for checks', async () => {
    recordsDown = true
    try {
      const { journey } = await verifiedNewEmail(trnClient, 'emma')
      await giveDetails(journey, { firstName: 'Emma', lastName: 'Clarke', dateOfBirth: ['25', '2', '1990'] })
      assert.equal(path(journey), '/sign-in/has-ni-number')
      await journey.submit({ hasNationalInsuranceNumber: 'yes' })
      await journey.submit({ nationalInsuranceNumber: 'QQ654321A' })
      assert.equal(path(journey), '/sign-in/has-trn', 'no match so far, so the questions go on')
      await journey.submit({ hasTrn: 'no' })
      await journey.submit({ hasQts: 'no' })
      await journey.submit()
      assert.equal(path(journey), '/sign-in/complete')
      assert.match(textOf(journey.page.body), /We need to check your details/, 'we could not look: Pending, not None')
    } finally {
      recordsDown = false
    }
  })

  it('offers no way on to a service that needs a TRN when none was found', async () => {
    const strictService = await test.registerClient({ name: 'Needs a TRN', trnRequirement: 'required' })
    const { journey } = await verifiedNewEmail(strictService, 'mary')
    await giveDetails(journey, { firstName: 'Mary', lastName: 'Somerville', dateOfBirth: ['26', '12', '1980'] })
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    await journey.submit({ hasTrn: 'no' })
    await journey.submit({ hasQts: 'no' })
    await journey.submit()
    const page = textOf(journey.page.body)
    assert.match(page, /We did not find a teaching record for you/)
    assert.match(page, /You cannot use Needs a TRN yet/)
    assert.ok(!journey.page.body.includes('Continue to Needs a TRN'))
    assert.ok(!journey.page.body.includes('action="/sign-in/complete"'), 'there is no form that goes on')
  })

  it('blocks a prohibited teacher from a service that blocks them, returning access_denied to it', async () => {
    const blocking = await test.registerClient({ name: 'Blocking service', blockProhibitedTeachers: true })
    const { journey } = await verifiedNewEmail(blocking, 'mark')
    await giveDetails(journey, { firstName: 'Mark', lastName: 'Pemberton', dateOfBirth: ['30', '6', '1975'] })
    assert.equal(path(journey), '/sign-in/check-answers', 'a rare name and date of birth match at once')
    await journey.submit()
    assert.equal(journey.heading(), 'You cannot use this service')
    await journey.submit()
    assert.equal(journey.page.leftProvider, true)
    assert.equal(journey.page.url.searchParams.get('error'), 'access_denied')
    assert.equal(journey.page.url.searchParams.get('code'), null)
  })

  it('signs someone in to the account they already have under another email, when they say it is theirs', async () => {
    const existing = await test.identity.createUser({ email: 'robert.brown@home.example', given_name: 'Robert', middle_name: null, family_name: 'Brown', birthdate: '1970-01-01' })
    const { journey } = await verifiedNewEmail(plainClient, 'bob', 'openid email profile')
    await giveDetails(journey, { firstName: 'Bob', lastName: 'Brown', dateOfBirth: ['1', '1', '1970'] })
    assert.equal(path(journey), '/sign-in/existing-account')
    assert.match(textOf(journey.page.body), /r•••@home\.example/)
    assert.ok(!journey.page.body.includes('robert.brown@home.example'), 'the address is never shown in full before it is proved')
    await journey.submit({ isTheirs: 'yes' })
    assert.equal(path(journey), '/sign-in/existing-account-code')
    await journey.submit({ code: FIXED_CODE })
    assert.equal(journey.heading(), 'You’ve signed in')
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.sub, existing.sub)
    assert.equal(claims.email, 'robert.brown@home.example')

    const other = await verifiedNewEmail(plainClient, 'bobby', 'openid email profile')
    await giveDetails(other.journey, { firstName: 'Robert', lastName: 'Brown', dateOfBirth: ['1', '1', '1970'] })
    await other.journey.submit({ isTheirs: 'no' })
    assert.equal(path(other.journey), '/sign-in/check-answers', 'not theirs: registration carries on')
    await other.journey.submit()
    assert.equal(other.journey.heading(), 'You’ve created your account')
  })

  it('lets the owner of a TRN already linked to an account prove it and choose the email to keep; the account keeps its sub', async () => {
    const owner = await test.identity.createUser({
      email: 'priya.old@school.example',
      given_name: 'Priya',
      middle_name: null,
      family_name: 'Sharma',
      birthdate: '1982-09-18',
      trn: '1000005',
      trn_lookup_status: 'Found',
      trn_verification_level: 'medium',
    })
    const { journey, email } = await verifiedNewEmail(trnClient, 'priya')
    await giveDetails(journey, { firstName: 'Priya', lastName: 'Sharma', dateOfBirth: ['18', '9', '1982'] })
    await journey.submit({ isTheirs: 'no' })
    assert.equal(path(journey), '/sign-in/check-answers', 'her name and date of birth alone find her record')
    await journey.submit()
    assert.equal(path(journey), '/sign-in/trn-in-use')
    assert.match(textOf(journey.page.body), /p•••@school\.example/)
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/choose-email')
    await journey.submit({})
    assert.deepEqual(journey.errorSummary(), ['Select the email address you want to use'])
    await journey.submit({ email: 'this' })
    assert.equal(journey.heading(), 'You’ve signed in')
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.sub, owner.sub)
    assert.equal(claims.email, email)
    assert.equal(claims.trn, '1000005')
    const accounts = await test.identity.database.db.selectFrom('users').select('sub').where('family_name', '=', 'Sharma').execute()
    assert.equal(accounts.length, 1, 'no second account')
  })

  it('creates one account however often check answers is submitted', async () => {
    const { journey, email } = await verifiedNewEmail(plainClient, 'double', 'openid email profile')
    await giveDetails(journey, { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: ['9', '12', '1966'] })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(journey.page.body)?.[1] as string
    const url = new URL('/sign-in/check-answers', test.identity.issuer)
    const submits = await Promise.all([1, 2, 3].map(() => journey.browser.navigate(url, { method: 'POST', form: { _csrf: csrf } })))
    for (const page of submits) assert.equal(page.url.pathname, '/sign-in/complete')
    const accounts = await test.identity.database.db.selectFrom('users').select('sub').where('email', '=', email).execute()
    assert.equal(accounts.length, 1)
    await journey.get('/sign-in/name')
    assert.equal(path(journey), '/sign-in/complete', 'a finished journey’s pages lead to its end')
  })

  it('refuses to skip questions by typing a later address, and says when a journey has expired', async () => {
    const journey = await test.start(plainClient, { scope: 'openid email profile' })
    await journey.get('/sign-in/date-of-birth')
    assert.equal(path(journey), '/sign-in/email')
    await journey.submit({ email: newEmail('skipper') })
    await journey.get('/sign-in/check-answers')
    assert.equal(path(journey), '/sign-in/email-code')

    const stranger = test.identity.browser()
    const page = await stranger.navigate(new URL('/sign-in/name', test.identity.issuer))
    assert.equal(page.status, 400)
    assert.match(textOf(page.body), /This page has expired/)
    const started = await stranger.navigate(journey.page.url.href.replace(/\/sign-in\/.*/, '/sign-in?interaction=made-up-interaction-id'))
    assert.equal(started.status, 400)
  })
})
