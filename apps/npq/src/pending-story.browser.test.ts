import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { fixedClock } from '../../../packages/kit/src/clock.ts'
import { launchBrowser } from '../../../packages/kit/src/testing/browser.ts'
import { startAdminTest, type AdminTest } from '../../identity/src/admin/testing.ts'
import { TRN_LINKED_EMAIL } from '../../identity/src/admin/users/assign-trn/emails.ts'
import { ticketsDb } from '../../identity/src/support-tickets/schema.ts'
import { FIXED_CODE } from '../../identity/src/testing/test-sign-in.ts'
import { startNpqWithIdentity, type NpqWithIdentity } from './sign-in/with-identity.testing.ts'
import { answerHeadshipAtHarewood, answerNameAndDateOfBirth, browserVisits, choose as chooseAnswer, clickContinue, type BrowserVisits } from './testing/browser.ts'
import { TEST_TODAY } from './testing/test-npq.ts'

// Issue 5's whole story across the real services, in Chromium: a teacher whose details do not quite match a teaching
// record registers for an NPQ, is told their details are being checked, and cannot submit yet; the identity service
// raised a ticket, which a support agent picks up in the console, compares the candidate records and links the TRN;
// the teacher is emailed, the change reaches the NPQ service by webhook, and the teacher comes back to find their
// answers kept and submits. Every page of all three (NPQ, identity sign-in, support console) passes axe.

const EMAIL = 'j.robinson@harewood-lane.example'
const TRN = '1000006'

describe('a teacher whose details need checking registers for an NPQ once support links their record', () => {
  let identity: AdminTest
  let services: NpqWithIdentity
  let browser: Browser
  let teacher: BrowserVisits
  let agent: BrowserVisits
  before(async () => {
    ;[identity, browser] = await Promise.all([startAdminTest(), launchBrowser()])
    services = await startNpqWithIdentity({ identity: identity.signIn.identity, registration: true, webhooks: true, raiseTrnSupportTickets: true, clock: fixedClock(TEST_TODAY) })
    teacher = browserVisits(browser, { baseURL: services.npq.url })
    agent = browserVisits(browser, { baseURL: identity.consoleUrl })
  })
  after(async () => {
    await browser?.close()
    await services?.close()
    await identity?.close()
  })

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click()

  const choose = (page: Page, heading: string, label: string) => chooseAnswer(teacher, page, heading, label)

  it('is pending at first, raises a ticket, is linked by an agent, and then submits with the answers kept', async () => {
    const checkAnswers = 'Check your answers and submit your registration'

    // The teacher registers; the identity service cannot match them to one record.
    await teacher.visit(async (page) => {
      await page.goto('/')
      await teacher.expectPage(page, 'Register for a national professional qualification (NPQ)')
      await page.getByRole('button', { name: 'Start now' }).click()
      await teacher.expectPage(page, 'Enter your email address')
      assert.equal(new URL(page.url()).origin, identity.signIn.identity.issuer, 'at the identity service')
      await page.getByLabel('Enter your email address').fill(EMAIL)
      await clickContinue(page)
      await teacher.expectPage(page, 'Check your email')
      await page.getByLabel('Security code').fill(FIXED_CODE)
      await clickContinue(page)

      await answerNameAndDateOfBirth(teacher, page, { firstName: 'J', lastName: 'Robinson', dateOfBirth: ['8', '1', '1993'] })
      await choose(page, 'Do you have a National Insurance number?', 'No')
      await choose(page, 'Do you have a teacher reference number (TRN)?', 'No')
      await choose(page, 'Have you been awarded qualified teacher status (QTS)?', 'Yes')
      await teacher.expectPage(page, 'Where did you train to teach?')
      await page.getByLabel('Where did you train to teach?').fill('University of Leeds')
      await clickContinue(page)
      await teacher.expectPage(page, 'Check your answers')
      await button(page, 'Create account')
      await teacher.expectPage(page, 'You’ve created your account')
      await page.getByRole('heading', { name: 'We need to check your details' }).waitFor()
      await page.getByText('This usually takes up to 5 working days.').waitFor()
      await button(page, 'Continue to Register for an NPQ')

      // The NPQ registration, up to check answers, which cannot be submitted yet.
      await teacher.expectPage(page, 'When does your course start?')
      assert.equal(new URL(page.url()).origin, services.npq.url)
      await answerHeadshipAtHarewood(teacher, page)
      await teacher.expectPage(page, checkAnswers)
      await page.getByRole('heading', { name: 'You cannot submit your registration yet' }).waitFor()
      assert.equal(await page.getByRole('button', { name: 'Submit registration' }).count(), 0, 'no way to submit while the record is being checked')
      assert.equal(await services.npq.database.db.selectFrom('applications').select('id').executeTakeFirst(), undefined, 'nothing submitted yet')
      const [npqUser] = await services.npq.database.db.selectFrom('users').select(['trn', 'trn_lookup_status']).execute()
      assert.deepEqual(npqUser, { trn: null, trn_lookup_status: 'Pending' })

      // A ticket is in the support queue; an agent compares the candidates and links the TRN.
      const tickets = () => ticketsDb(identity.db).selectFrom('support_tickets').select(['status', 'destination', 'assigned_trn']).execute()
      assert.deepEqual(
        (await tickets()).map(({ destination, assigned_trn }) => ({ destination, assigned_trn })),
        [{ destination: 'support_queue', assigned_trn: null }],
        'the pending lookup raised one ticket in the support queue',
      )
      await agent.visit(async (consolePage) => {
        await consolePage.goto('/admin')
        await agent.expectPage(consolePage, 'Sign in to the support console')
        await consolePage.getByLabel('Email address').fill(identity.staff.support.email)
        await clickContinue(consolePage)
        await agent.expectPage(consolePage, 'Check your email')
        await consolePage.getByLabel('Security code').fill(FIXED_CODE)
        await button(consolePage, 'Sign in')
        await agent.expectPage(consolePage, 'Support console')
        await consolePage.getByRole('link', { name: 'Open the support queue' }).click()
        await agent.expectPage(consolePage, 'Support queue')
        await consolePage.getByRole('link', { name: 'J Robinson' }).click()
        await agent.expectPage(consolePage, 'J Robinson')
        const comparison = consolePage.locator('#comparison')
        assert.match(await comparison.locator('thead').innerText(), new RegExp(`What they told us[\\s\\S]*TRN ${TRN}`))
        await consolePage.getByRole('link', { name: `Assign TRN ${TRN} to J Robinson` }).click()
        await agent.expectPage(consolePage, 'Assign a TRN')
        assert.equal(await consolePage.getByLabel('Teacher reference number (TRN)').inputValue(), TRN)
        await consolePage.getByLabel('Why are you linking this record?').fill('Same date of birth and QTS from Leeds; confirmed by email')
        await clickContinue(consolePage)
        await agent.expectPage(consolePage, 'Check the record before you link it')
        await button(consolePage, `Link TRN ${TRN}`)
        await agent.expectPage(consolePage, /Robinson$/)
        await consolePage.getByText(`TRN ${TRN} is now linked to this account.`).waitFor()
      })
      assert.deepEqual(
        (await tickets()).map(({ status, assigned_trn }) => ({ status, assigned_trn })),
        [{ status: 'closed', assigned_trn: TRN }],
      )
      const emails = await identity.emailsTo(EMAIL)
      assert.ok(emails.some((email) => email.template === TRN_LINKED_EMAIL && email.personalisation.trn === TRN), 'the teacher is emailed that their record is linked')

      // The change reaches the NPQ service.
      const applied = await services.deliverWebhooks()
      assert.ok(applied > 0, 'the NPQ service applied the identity service’s messages')
      const [linked] = await services.npq.database.db.selectFrom('users').select(['trn', 'trn_lookup_status']).execute()
      assert.deepEqual(linked, { trn: TRN, trn_lookup_status: 'Found' })

      // The teacher comes back to the registration: their answers are kept, and now they can submit.
      await page.goto('/registration')
      await teacher.expectPage(page, checkAnswers)
      const answers = await page.locator('.govuk-summary-list').innerText()
      for (const kept of ['Autumn 2026', 'Harewood Lane Primary School', 'Headship', 'Teach First']) assert.match(answers, new RegExp(kept), `${kept} is kept`)
      await button(page, 'Submit registration')
      await teacher.expectPage(page, 'Registration complete')
    })
    const confirmations = (await services.deliverEmails()).filter((email) => email.to === EMAIL)
    assert.deepEqual(
      confirmations.map((email) => email.subject),
      ['Your registration for the NPQ for Headship (NPQH) NPQ'],
    )
    const applications = await services.npq.database.db.selectFrom('applications').select(['on_submission_trn', 'course_identifier', 'school_urn']).execute()
    assert.deepEqual(applications, [{ on_submission_trn: TRN, course_identifier: 'npq-headship', school_urn: '107912' }])
  })
})
