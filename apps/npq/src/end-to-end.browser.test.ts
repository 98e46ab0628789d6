import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { fixedClock } from '../../../packages/kit/src/clock.ts'
import { launchBrowser } from '../../../packages/kit/src/testing/browser.ts'
import { FIXED_CODE, startSignInTest, type SignInTest } from '../../identity/src/testing/test-sign-in.ts'
import { startNpqWithIdentity, type NpqWithIdentity } from './sign-in/with-identity.testing.ts'
import { answerHeadshipAtHarewood, answerNameAndDateOfBirth, browserVisits, choose as chooseAnswer, clickContinue, type BrowserVisits } from './testing/browser.ts'
import { TEST_TODAY } from './testing/test-npq.ts'

// A newcomer's whole story across the real services, in Chromium: the NPQ service sends them to the identity service
// (its real sign-in journey, matching against the real records service's demo personas), they come back, register,
// get the confirmation email and see the registration on their account; signing in again another day, in another
// browser, shows the same account. Every page of both services passes axe (WCAG 2.2 AA).

const START_PAGE = 'Register for a national professional qualification (NPQ)'
const EMAIL = 'sarah.thompson@leeds-school.example'

describe('a newcomer registers for an NPQ through the identity service', () => {
  let identity: SignInTest
  let services: NpqWithIdentity
  let browser: Browser
  let person: BrowserVisits
  before(async () => {
    ;[identity, browser] = await Promise.all([startSignInTest({ fixedCode: FIXED_CODE }), launchBrowser()])
    // The NPQ service on the demo day its cohorts are open; the identity service keeps real time.
    services = await startNpqWithIdentity({ identity: identity.identity, registration: true, clock: fixedClock(TEST_TODAY) })
    person = browserVisits(browser, { baseURL: services.npq.url })
  })
  after(async () => {
    await browser?.close()
    await services?.close()
    await identity?.close()
  })


  const choose = (page: Page, heading: string, label: string) => chooseAnswer(person, page, heading, label)

  /** On the identity service's email page: the email address, and the code sent to it. */
  async function emailAndCode(page: Page) {
    await person.expectPage(page, 'Enter your email address')
    assert.equal(new URL(page.url()).origin, identity.identity.issuer, 'at the identity service')
    await page.getByLabel('Enter your email address').fill(EMAIL)
    await clickContinue(page)
    await person.expectPage(page, 'Check your email')
    await page.getByLabel('Security code').fill(FIXED_CODE)
    await clickContinue(page)
  }

  it('starts at the NPQ service, gets an identity matched to Sarah Thompson’s record, registers, and finds the same account later', async () => {
    let registrationNumber = ''
    await person.visit(async (page) => {
      await page.goto('/')
      await person.expectPage(page, START_PAGE)
      await page.getByRole('button', { name: 'Start now' }).click()
      await emailAndCode(page)

      // A newcomer: the identity service asks who they are and finds their teaching record.
      await answerNameAndDateOfBirth(person, page, { firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: ['12', '4', '1986'] })
      await choose(page, 'Do you have a National Insurance number?', 'Yes')
      await person.expectPage(page, 'What is your National Insurance number?')
      await page.getByLabel('What is your National Insurance number?').fill('QQ 12 34 56 C')
      await clickContinue(page)
      await person.expectPage(page, 'Check your answers')
      await page.getByRole('button', { name: 'Create account' }).click()
      await person.expectPage(page, 'You’ve created your account')
      await page.getByText('We’ve found your teaching record').waitFor()
      await page.getByRole('button', { name: 'Continue to Register for an NPQ' }).click()

      // Back at the NPQ service, signed in, at the first question.
      await person.expectPage(page, 'When does your course start?')
      assert.equal(new URL(page.url()).origin, services.npq.url)
      await answerHeadshipAtHarewood(person, page)
      await person.expectPage(page, 'Check your answers and submit your registration')
      await page.getByRole('button', { name: 'Submit registration' }).click()

      await person.expectPage(page, 'Registration complete')
      const confirmation = await page.locator('main').innerText()
      assert.match(confirmation, new RegExp(`We have sent a confirmation email to ${EMAIL.replace(/\./g, '\\.')}`))
      registrationNumber = /Your registration number\s+([0-9a-f-]{36})/.exec(confirmation)?.[1] ?? ''
      assert.ok(registrationNumber, 'the confirmation shows the registration number')

      // The confirmation email, in the NPQ service's outbox.
      const emails = (await services.deliverEmails()).filter((email) => email.to === EMAIL)
      assert.deepEqual(
        emails.map((email) => email.subject),
        ['Your registration for the NPQ for Headship (NPQH) NPQ'],
      )
      assert.match(emails[0]?.body ?? '', /^Dear Sarah Jane Thompson,/, 'addressed by the name on their teaching record')
      assert.ok(emails[0]?.body.includes(`Your registration number is ${registrationNumber}. You can see your registrations at ${services.npq.url}/account`))
      await page.goto('/dev/emails')
      await person.expectPage(page, 'Emails in the local outbox')
      assert.equal(await page.locator('.govuk-summary-card', { hasText: EMAIL }).count(), 1)

      await page.goto('/account')
      await person.expectPage(page, 'Your registrations')
      const account = await page.locator('main').innerText()
      assert.match(account, /Signed in as Sarah Jane Thompson \(sarah\.thompson@leeds-school\.example\)/)
      assert.match(account, /Your teacher reference number \(TRN\) is 1000001\./)
      assert.deepEqual(await page.locator('.govuk-summary-card__title').allInnerTexts(), ['NPQ for Headship (NPQH)'])

      // Signing out of the NPQ service signs out of the identity service too, and comes back to the start page.
      await page.getByRole('link', { name: 'Sign out' }).click()
      await person.expectPage(page, 'Do you want to sign out?')
      await page.getByRole('button', { name: 'Sign out' }).click()
      await person.expectPage(page, START_PAGE)
      assert.equal(new URL(page.url()).origin, services.npq.url)
      await page.goto('/account')
      await person.expectPage(page, 'Enter your email address')
    })

    // Another day, another browser: the identity service asks for the email and a code again.
    await person.visit(async (page) => {
      await page.goto('/')
      await person.expectPage(page, START_PAGE)
      await page.getByRole('link', { name: 'Sign in to see your registrations' }).click()
      await emailAndCode(page)
      // Nothing more to ask or tell her: the code page hands her straight back to the NPQ service (its form may lead there).
      await person.expectPage(page, 'Your registrations')
      assert.match(await page.locator('main').innerText(), /Your teacher reference number \(TRN\) is 1000001\./)
      const card = page.locator('.govuk-summary-card')
      assert.deepEqual(await card.locator('.govuk-summary-card__title').allInnerTexts(), ['NPQ for Headship (NPQH)'])
      assert.match(await card.innerText(), /Provider\s+Teach First/)
      await card.getByRole('link', { name: /View/ }).click()
      await person.expectPage(page, 'NPQ for Headship (NPQH) registration')
      assert.equal(new URL(page.url()).pathname, `/account/registrations/${registrationNumber}`)
    })

    const users = await services.npq.database.db.selectFrom('users').select(['id', 'trn', 'trn_lookup_status', 'trn_verified']).execute()
    assert.deepEqual(
      users.map(({ trn, trn_lookup_status, trn_verified }) => ({ trn, trn_lookup_status, trn_verified })),
      [{ trn: '1000001', trn_lookup_status: 'Found', trn_verified: true }],
      'one NPQ account, linked to the teaching record',
    )
    const applications = await services.npq.database.db.selectFrom('applications').select(['user_id', 'on_submission_trn', 'course_identifier', 'school_urn']).execute()
    assert.deepEqual(applications, [{ user_id: users[0]?.id, on_submission_trn: '1000001', course_identifier: 'npq-headship', school_urn: '107912' }])
  })
})
