import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../../../packages/kit/src/testing/browser.ts'
import { chromiumJourneys, type ChromiumJourneys } from '../testing/browser.ts'
import { FIXED_CODE, startSignInTest, type SignInTest } from '../testing/test-sign-in.ts'

// People using the journey in Chromium, through the /demo relying party: every page, error states included, must pass
// axe (WCAG 2.2 AA), and nothing may break the Content-Security-Policy or fail to load.

// Two people at a time, as the machine has two cores: the browser works on one page while the service answers another.
describe('the sign-in journey in a browser', { concurrency: 2 }, () => {
  let test: SignInTest
  let browser: Browser
  let person: ChromiumJourneys
  before(async () => {
    ;[test, browser] = await Promise.all([startSignInTest({ fixedCode: FIXED_CODE, demo: true }), launchBrowser()])
    person = await chromiumJourneys(browser, { baseURL: test.identity.issuer, code: FIXED_CODE })
  })
  after(async () => {
    await browser?.close()
    await test?.close()
  })

  it('signs in a known person, with the error states of the email and code pages', async () => {
    await test.identity.createUser({
      email: 'browser.known@school.example',
      given_name: 'Elizabeth',
      middle_name: 'Mary',
      family_name: "O'Connor",
      birthdate: '1970-05-22',
      trn: '1000009',
      trn_lookup_status: 'Found',
      trn_verification_level: 'medium',
    })
    await person.visit(async (page) => {
      await person.startAtDemo(page)
      await person.expectPage(page, 'Enter your email address')
      await person.clickContinue(page)
      await person.expectPage(page, 'Enter your email address', { errors: ['Enter your email address'] })
      await page.locator('.govuk-error-summary:focus').waitFor()
      await page.getByRole('link', { name: 'Enter your email address' }).click()
      assert.equal(await page.locator(':focus').getAttribute('id'), 'email')

      await page.getByLabel('Enter your email address').fill('browser.known@school.example')
      await person.clickContinue(page)
      await person.expectPage(page, 'Check your email')
      await page.getByLabel('Security code').fill('000000')
      await person.clickContinue(page)
      await person.expectPage(page, 'Check your email', { errors: ['The security code is not correct. You can try 4 more times.'] })
      await page.getByText('Not received an email?').click()
      await page.getByRole('link', { name: 'get a new code' }).click()
      await person.expectPage(page, 'Get a new security code')
      await page.getByRole('button', { name: 'Send a new code' }).click()
      await person.expectPage(page, 'Check your email')
      await page.getByText('We’ve sent a new code to browser.known@school.example.').waitFor()

      await page.getByLabel('Security code').fill(FIXED_CODE)
      await person.clickContinue(page)
      // Nothing more to ask or tell them: straight back to the service.
      await page.getByRole('heading', { name: 'ID token claims' }).waitFor()
      await person.expectPage(page, 'Demo service', { variant: 'claims' })
      assert.equal(await page.locator('.govuk-summary-list__row', { hasText: 'trn_lookup_status' }).first().locator('dd').innerText(), 'Found')

      await page.goto('/account')
      await person.expectPage(page, 'Your DfE Identity account')
      assert.match(await page.locator('main').innerText(), /1000009/)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await person.expectPage(page, 'Do you want to sign out?')
      await page.getByRole('button', { name: 'Sign out' }).click()
      await person.expectPage(page, 'You have signed out')
      await page.goto('/account')
      await person.expectPage(page, 'You are not signed in')

      // Signing in again at the account page itself, without a service.
      await page.getByRole('button', { name: 'Sign in' }).click()
      await person.emailAndCode(page, 'browser.known@school.example')
      await person.expectPage(page, 'Your DfE Identity account', { variant: 'after signing in there' })
      await page.goto('/account/signed-in?state=from-someone-else')
      await person.expectPage(page, 'This sign-in has expired')
    })
  })

  it('registers Sarah Thompson, found after her NI number, with every question’s error state and Back', async () => {
    await person.visit(async (page) => {
      await person.startAtDemo(page)
      await person.emailAndCode(page, 'sarah.browser@school.example')

      await person.expectPage(page, 'What is your name?')
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your name?', { errors: ['Enter your first name', 'Enter your last name'] })
      await page.getByLabel('First name').fill('Sarah')
      await page.getByLabel('Last name').fill('Thompson')
      await person.clickContinue(page)

      await person.expectPage(page, 'What name do you want us to use?')
      await page.getByLabel('What name do you want us to use?').fill('S'.repeat(101))
      await person.clickContinue(page)
      await person.expectPage(page, 'What name do you want us to use?', { errors: ['Preferred name must be 100 characters or less'] })
      await page.getByLabel('What name do you want us to use?').fill('Sally Thompson')
      await person.clickContinue(page)

      await person.expectPage(page, 'What is your date of birth?')
      await page.getByLabel('Day').fill('12')
      await page.getByLabel('Year').fill('1986')
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your date of birth?', { errors: ['Date of birth must include a month'] })
      await page.getByLabel('Month').fill('4')
      await person.clickContinue(page)

      await person.expectPage(page, 'Do you have a National Insurance number?')
      await person.clickContinue(page)
      await person.expectPage(page, 'Do you have a National Insurance number?', { errors: ['Select yes if you have a National Insurance number'] })
      await page.getByLabel('Yes').check()
      await person.clickContinue(page)

      await person.expectPage(page, 'What is your National Insurance number?')
      await page.getByRole('link', { name: 'Back' }).click()
      await person.expectPage(page, 'Do you have a National Insurance number?')
      assert.equal(await page.getByLabel('Yes').isChecked(), true, 'the answer is kept')
      await person.clickContinue(page)
      await page.getByLabel('What is your National Insurance number?').fill('QQ 12')
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your National Insurance number?', { errors: ['Enter a National Insurance number in the correct format, like QQ 12 34 56 C'] })
      await page.getByLabel('What is your National Insurance number?').fill('QQ 12 34 56 C')
      await person.clickContinue(page)

      await person.expectPage(page, 'Check your answers')
      await page.getByRole('link', { name: 'Change preferred name' }).click()
      await person.expectPage(page, 'What name do you want us to use?')
      await page.getByLabel('What name do you want us to use?').fill('')
      await person.clickContinue(page)
      await person.expectPage(page, 'Check your answers')
      await page.getByRole('button', { name: 'Create account' }).click()

      await person.expectPage(page, 'You’ve created your account')
      await page.getByText('We’ve found your teaching record').waitFor()
      await page.getByRole('button', { name: 'Continue to Demo service' }).click()
      await page.getByRole('heading', { name: 'ID token claims' }).waitFor()
      const claims = await page.locator('main').innerText()
      assert.match(claims, /trn\s+1000001/)
      assert.match(claims, /name\s+Sarah Jane Thompson/)
    })
  })

  it('shows the other questions, "Is this your account?", a TRN already linked and choosing an email', async () => {
    await test.identity.createUser({
      email: 'emma.first@school.example',
      given_name: 'Emma',
      middle_name: null,
      family_name: 'Clarke',
      birthdate: '1990-02-25',
      trn: '1000003',
      trn_lookup_status: 'Found',
      trn_verification_level: 'medium',
    })
    await person.visit(async (page) => {
      await person.startAtDemo(page)
      await person.emailAndCode(page, 'emma.second@school.example')
      await page.getByLabel('First name').fill('Emma')
      await page.getByLabel('Last name').fill('Clarke')
      await person.clickContinue(page)
      await person.clickContinue(page)
      await page.getByLabel('Day').fill('25')
      await page.getByLabel('Month').fill('2')
      await page.getByLabel('Year').fill('1990')
      await person.clickContinue(page)

      await person.expectPage(page, 'Is this your account?')
      await person.clickContinue(page)
      await person.expectPage(page, 'Is this your account?', { errors: ['Select yes if this is your account'] })
      await page.getByLabel('Yes, this is my account').check()
      await person.clickContinue(page)
      await person.expectPage(page, 'Check your email', { variant: 'the code for an existing account' })
      await page.getByRole('link', { name: 'I cannot get into that email account' }).click()
      await page.getByLabel('No, create a new account').check()
      await person.clickContinue(page)

      await page.getByLabel('Yes').check()
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your National Insurance number?')
      await page.getByRole('button', { name: 'I do not know my National Insurance number' }).click()
      await person.expectPage(page, 'Do you have a teacher reference number (TRN)?')
      await page.getByLabel('Yes').check()
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your teacher reference number (TRN)?')
      await page.getByLabel('What is your teacher reference number (TRN)?').fill('12345')
      await person.clickContinue(page)
      await person.expectPage(page, 'What is your teacher reference number (TRN)?', { errors: ['Your TRN must be 7 digits'] })
      await page.getByRole('button', { name: 'I do not know my TRN' }).click()
      await person.expectPage(page, 'Have you been awarded qualified teacher status (QTS)?')
      await page.getByLabel('Yes').check()
      await person.clickContinue(page)
      await person.expectPage(page, 'Where did you train to teach?')
      await person.clickContinue(page)
      await person.expectPage(page, 'Where did you train to teach?', { errors: ['Enter where you trained to teach'] })
      for (const heading of ['Have you been awarded qualified teacher status (QTS)?', 'What is your teacher reference number (TRN)?', 'Do you have a teacher reference number (TRN)?']) {
        await page.getByRole('link', { name: 'Back' }).click()
        await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      }
      await page.getByRole('link', { name: 'Back' }).click()
      await person.expectPage(page, 'What is your National Insurance number?')
      await page.getByLabel('What is your National Insurance number?').fill('QQ654321A')
      await person.clickContinue(page)
      await person.expectPage(page, 'Check your answers')
      await page.getByRole('button', { name: 'Create account' }).click()

      await person.expectPage(page, 'You already have a DfE Identity account')
      await page.getByLabel('Security code').fill(FIXED_CODE)
      await person.clickContinue(page)
      await person.expectPage(page, 'Which email address do you want to use?')
      await person.clickContinue(page)
      await person.expectPage(page, 'Which email address do you want to use?', { errors: ['Select the email address you want to use'] })
      await page.getByLabel('emma.second@school.example').check()
      await person.clickContinue(page)
      await person.expectPage(page, 'You’ve signed in')
      await page.getByRole('button', { name: 'Continue to Demo service' }).click()
      await page.getByRole('heading', { name: 'ID token claims' }).waitFor()
      assert.match(await page.locator('main').innerText(), /email\s+emma.second@school.example/)
    })
  })

  it('stops a prohibited teacher, offers no way on without a TRN to a service that needs one, and says when a page has expired', async () => {
    const blocking = await test.registerClient({ name: 'Blocking service', blockProhibitedTeachers: true, trnRequirement: 'required' })
    await test.identity.createUser({ email: 'mark.browser@school.example', trn: '1000004', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    await test.identity.createUser({ email: 'no.record@school.example', trn_lookup_status: 'None' })
    await person.visit(async (page) => {
      const policies: string[] = []
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/sign-in/complete') policies.push(response.headers()['content-security-policy'] ?? '')
      })
      await page.goto((await test.authorizationUrl(blocking)).href)
      await person.emailAndCode(page, 'mark.browser@school.example')
      await person.expectPage(page, 'You cannot use this service')
      assert.match(policies.at(-1) ?? '', /form-action 'self' https:\/\/client\.example\.test(;|$)/, 'the form that hands back may lead to the service')

      await page.context().clearCookies()
      await page.goto((await test.authorizationUrl(blocking)).href)
      await person.emailAndCode(page, 'no.record@school.example')
      await person.expectPage(page, 'You’ve signed in', { variant: 'no TRN for a service that needs one' })
      await page.getByText('You cannot use Blocking service yet').waitFor()

      await page.context().clearCookies()
      await page.goto('/sign-in/name')
      await person.expectPage(page, 'This page has expired')
    })
  })
})
