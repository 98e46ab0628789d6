import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../../../packages/kit/src/testing/browser.ts'
import { chromiumJourneys, type ChromiumJourneys } from '../testing/browser.ts'
import { createSubscription } from '../webhooks/subscriptions.ts'
import { adminDb } from './schema.ts'
import { FIXED_CODE, startAdminTest, type AdminTest } from './testing.ts'
import type { StaffUser } from './staff/staff-users.ts'

// Staff using the support console in Chromium: every page, its error states and the 403 page must pass axe (WCAG 2.2
// AA), and nothing may break the Content-Security-Policy or fail to load.

describe('the support console in a browser', { concurrency: 2 }, () => {
  let test: AdminTest
  let browser: Browser
  let person: ChromiumJourneys
  before(async () => {
    ;[test, browser] = await Promise.all([startAdminTest(), launchBrowser()])
    person = await chromiumJourneys(browser, { baseURL: test.consoleUrl, code: FIXED_CODE })
  })
  after(async () => {
    await browser?.close()
    await test?.close()
  })

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click()

  async function signIn(page: Page, staff: StaffUser) {
    await page.goto('/admin')
    await person.expectPage(page, 'Sign in to the support console')
    await page.getByLabel('Email address').fill(staff.email)
    await button(page, 'Continue')
    await person.expectPage(page, 'Check your email')
    await page.getByLabel('Security code').fill(FIXED_CODE)
    await button(page, 'Sign in')
    await person.expectPage(page, 'Support console')
  }

  it('an agent signs in, opens the queue and a person, compares the candidates, assigns the TRN and sees the history', async () => {
    const lastName = 'Whitfield'
    const jack = await test.addRecord({ firstName: 'Jack', middleName: 'Thomas', lastName, dateOfBirth: '1993-01-08', nationalInsuranceNumber: 'QQ778899A', qtsDate: '2016-07-22' })
    const jake = await test.addRecord({ firstName: 'Jake', lastName, dateOfBirth: '1993-01-08' })
    const { user } = await test.pendingUser({
      user: { email: 'j.whitfield@school.example', given_name: 'J', middle_name: null, family_name: lastName, preferred_name: null, birthdate: '1993-01-08' },
      answers: { hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ778899A' },
      candidates: [jack, jake].map((trn) => ({ trn, score: 60, reasons: ['last_name_exact', 'date_of_birth_exact'], record: null })),
    })
    const other = await test.pendingUser({ user: { email: 'no.record@school.example' } })

    await person.visit(async (page) => {
      await page.goto('/admin/sign-in')
      await person.expectPage(page, 'Sign in to the support console')
      await button(page, 'Continue')
      await person.expectPage(page, 'Sign in to the support console', { errors: ['Enter your email address'] })
      await page.locator('.govuk-error-summary:focus').waitFor()
      await page.getByLabel('Email address').fill(test.staff.support.email)
      await button(page, 'Continue')
      await person.expectPage(page, 'Check your email')
      await page.getByLabel('Security code').fill('000000')
      await button(page, 'Sign in')
      await person.expectPage(page, 'Check your email', { errors: ['The security code is not correct. You can try 4 more times.'] })
      await page.getByLabel('Security code').fill(FIXED_CODE)
      await button(page, 'Sign in')
      await person.expectPage(page, 'Support console')

      await page.getByRole('link', { name: 'Open the support queue' }).click()
      await person.expectPage(page, 'Support queue')
      await page.getByRole('link', { name: `J ${lastName}` }).click()
      await person.expectPage(page, `J ${lastName}`)
      const comparison = page.locator('#comparison')
      assert.match(await comparison.locator('thead').innerText(), new RegExp(`What they told us\\s+TRN ${jack}[\\s\\S]*TRN ${jake}`))
      const niRow = comparison.locator('tr', { hasText: 'National Insurance number' })
      assert.match(await niRow.innerText(), /QQ778899A\s+QQ778899A\s+Matches/)

      await page.getByRole('link', { name: `Assign TRN ${jack} to J ${lastName}` }).click()
      await person.expectPage(page, 'Assign a TRN')
      assert.equal(await page.getByLabel('Teacher reference number (TRN)').inputValue(), jack)
      await button(page, 'Continue')
      await person.expectPage(page, 'Assign a TRN', { errors: ['Enter why you are making this change'] })
      await page.getByLabel('Why are you linking this record?').fill('Same NI number and QTS year; confirmed by phone')
      await button(page, 'Continue')
      await person.expectPage(page, 'Check the record before you link it')
      await button(page, `Link TRN ${jack}`)
      await person.expectPage(page, `Jack Thomas ${lastName}`, { variant: 'linked' })
      await page.getByText(`TRN ${jack} is now linked to this account.`).waitFor()

      await page.getByRole('link', { name: 'View history' }).click()
      await person.expectPage(page, 'History')
      const history = await page.locator('#history').innerText()
      assert.match(history, /TRN assigned/)
      assert.match(history, /Reason: Same NI number and QTS year/)
      assert.match(history, /Support request closed/)

      await page.goto(`/admin/users/${user.sub}?trn=12`)
      await person.expectPage(page, `Jack Thomas ${lastName}`, { errors: ['A TRN must be 7 digits'] })

      // The other ways a request ends, and correcting details.
      await page.goto(`/admin/users/${other.user.sub}/no-trn`)
      await person.expectPage(page, 'Mark as having no TRN')
      await button(page, 'Continue')
      await person.expectPage(page, 'Mark as having no TRN', { errors: ['Enter why you are making this change'] })
      await page.getByLabel('Why?').fill('Never trained as a teacher')
      await button(page, 'Continue')
      await person.expectPage(page, 'Confirm they have no TRN')
      await page.goto(`/admin/users/${other.user.sub}/lookup-failed`)
      await person.expectPage(page, 'Mark the lookup as failed')
      await page.getByLabel('Why?').fill('Cannot tell which record')
      await button(page, 'Continue')
      await person.expectPage(page, 'Confirm the lookup failed')
      await button(page, 'Confirm')
      await page.getByText('The account’s lookup is marked as failed.').waitFor()

      await page.getByRole('link', { name: 'Correct their details' }).click()
      await person.expectPage(page, 'Correct their details')
      await page.getByLabel('First name').fill('')
      await page.getByLabel('Day').fill('31')
      await page.getByLabel('Month').fill('2')
      await button(page, 'Continue')
      await person.expectPage(page, 'Correct their details', { errors: ['Enter the first name', 'Date of birth must be a real date', 'Enter why you are making this change'] })
      await page.getByLabel('First name').fill('Samantha')
      await page.getByLabel('Day').fill('12')
      await page.getByLabel('Month').fill('4')
      await page.getByLabel('Why are you correcting their details?').fill('She asked by email')
      await button(page, 'Continue')
      await person.expectPage(page, 'Check the changes')
      await button(page, 'Save the changes')
      await page.getByText('The account’s details are corrected.').waitFor()

      await page.getByRole('link', { name: 'Users' }).click()
      await person.expectPage(page, 'Users')
      await page.getByLabel('Search by name, email address or TRN').fill(lastName)
      await button(page, 'Search')
      await person.expectPage(page, 'Users', { variant: 'results' })
      await page.getByRole('link', { name: `Jack Thomas ${lastName}` }).waitFor()
      await page.getByLabel('Search by name, email address or TRN').fill('x'.repeat(201))
      await button(page, 'Search')
      await person.expectPage(page, 'Users', { errors: ['Search must be 200 characters or less'] })

      // A support agent cannot open the admin pages.
      await page.goto('/admin/staff')
      await person.expectPage(page, 'You do not have permission to see this page')

      await page.getByRole('link', { name: 'Sign out' }).click()
      await person.expectPage(page, 'Sign out of the support console')
      await button(page, 'Sign out')
      await person.expectPage(page, 'Sign in to the support console', { variant: 'signed out' })
      await page.getByText('You have signed out.').waitFor()
    })
  })

  it('an admin manages staff, clients and webhooks', async () => {
    const { clientId } = await test.signIn.registerClient({ name: 'Register for an NPQ' })
    await createSubscription(test.db, test.clock, { endpoint: 'https://down.example/hooks', messageTypes: ['UserMerged'] }, { actor: 'test', requireHttps: false })
    await person.visit(async (page) => {
      await signIn(page, test.staff.admin)

      await page.getByRole('link', { name: 'Staff accounts' }).click()
      await person.expectPage(page, 'Staff accounts')
      await page.getByRole('button', { name: 'Add a member of staff' }).click()
      await person.expectPage(page, 'Add a member of staff')
      await page.getByLabel('Support', { exact: true }).uncheck()
      await button(page, 'Add')
      await person.expectPage(page, 'Add a member of staff', { errors: ['Enter an email address', 'Enter a name', 'Select at least one role'] })
      await page.getByLabel('Email address').fill('browser.agent@education.gov.uk')
      await page.getByLabel('Name').fill('Bea Browser')
      await page.getByLabel('Support', { exact: true }).check()
      await button(page, 'Add')
      await page.getByText('Bea Browser can now sign in').waitFor()
      await page.getByRole('link', { name: 'Bea Browser' }).click()
      await person.expectPage(page, 'Bea Browser')
      await page.getByRole('link', { name: 'Deactivate this account' }).click()
      await person.expectPage(page, 'Deactivate Bea Browser')
      await button(page, 'Deactivate')
      await page.getByText('Bea Browser can no longer sign in').waitFor()

      await page.getByRole('link', { name: 'Clients' }).click()
      await person.expectPage(page, 'Client services')
      await page.goto(`/admin/clients/${clientId}`)
      await person.expectPage(page, 'Register for an NPQ')
      await page.getByLabel('Redirect URIs', { exact: true }).fill('not a url')
      await button(page, 'Save')
      await person.expectPage(page, 'Register for an NPQ', { errors: ['Redirect URI "not a url" must be an absolute http(s) URL'] })
      await page.getByRole('link', { name: 'Rotate the client secret' }).click()
      await person.expectPage(page, 'Rotate the client secret')
      await button(page, 'Make a new secret')
      await person.expectPage(page, 'The new client secret')

      await page.getByRole('link', { name: 'Webhooks' }).click()
      await person.expectPage(page, 'Webhooks')
      await page.getByRole('button', { name: 'Add a webhook' }).click()
      await person.expectPage(page, 'Add a webhook')
      await page.getByLabel('Endpoint URL').fill('npq.example')
      await button(page, 'Add')
      await person.expectPage(page, 'Add a webhook', { errors: ['The endpoint "npq.example" must be an absolute http(s) URL'] })
      await page.getByLabel('Endpoint URL').fill('https://npq.example/webhooks/identity')
      await page.getByLabel('Client service').selectOption(clientId)
      await button(page, 'Add')
      await person.expectPage(page, 'The webhook’s signing secret')
      await page.getByRole('link', { name: 'Back to webhooks' }).click()
      await page.getByRole('link', { name: 'https://npq.example/webhooks/identity' }).click()
      await person.expectPage(page, 'Change a webhook')
      await page.getByRole('link', { name: 'Make a new signing secret' }).click()
      await person.expectPage(page, 'Make a new signing secret')
    })
  })

  it('an agent merges a person’s second account into the first, through every page and its errors', async () => {
    const person1 = { given_name: 'Nadia', middle_name: null, family_name: 'Kowalczyk', preferred_name: null, birthdate: '1990-09-30' }
    const kept = await test.createUser({ ...person1, email: 'nadia.kowalczyk@school.example', trn: '1000005', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const { user: duplicate } = await test.pendingUser({ user: { ...person1, email: 'nadia.k@home.example' } })
    await person.visit(async (page) => {
      await signIn(page, test.staff.support)
      await page.goto(`/admin/users/${kept.sub}`)
      await person.expectPage(page, 'Nadia Kowalczyk')
      await page.getByRole('link', { name: 'Merge another account into this one' }).click()
      await person.expectPage(page, 'Merge another account into this one')
      await button(page, 'Continue')
      await person.expectPage(page, 'Merge another account into this one', { errors: ['Enter the other account’s email address, TRN or account id'] })
      await page.getByRole('link', { name: 'Choose nadia.k@home.example' }).click()
      await person.expectPage(page, 'Merge nadia.k@home.example into this account')
      await button(page, 'Continue')
      await person.expectPage(page, 'Merge nadia.k@home.example into this account', { errors: ['Choose which email address to keep', 'Enter why you are making this change'] })
      await page.getByLabel('nadia.kowalczyk@school.example').check()
      await page.getByLabel('Why are you merging these accounts?').fill('She registered again from home')
      await button(page, 'Continue')
      await person.expectPage(page, 'Check before you merge the accounts')
      await button(page, 'Merge accounts')
      await page.getByText('The account nadia.k@home.example is merged into this account.').waitFor()
      await person.expectPage(page, 'Nadia Kowalczyk', { variant: 'with a merged account' })
      await page.getByRole('link', { name: duplicate.sub }).click()
      await person.expectPage(page, 'Nadia Kowalczyk', { variant: 'merged' })
      await page.getByText('This account was merged into the account nadia.kowalczyk@school.example').waitFor()
    })
  })

  it('refuses a form from someone whose staff account was deactivated while the page was open', async () => {
    const member = await test.addStaff(['support'])
    await person.visit(async (page) => {
      await signIn(page, member)
      await page.goto('/admin/sign-out')
      await person.expectPage(page, 'Sign out of the support console')
      await adminDb(test.db).updateTable('staff_users').set({ active: false }).where('id', '=', member.id).execute()
      const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST')
      await button(page, 'Sign out')
      assert.equal((await response).status(), 403)
      await person.expectPage(page, 'You do not have permission to see this page', { variant: 'not signed in' })
      await page.getByRole('link', { name: 'Sign in to the support console' }).waitFor()
    })
  })
})
