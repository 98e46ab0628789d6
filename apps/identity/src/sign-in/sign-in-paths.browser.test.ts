import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { readLocalOutbox } from '../../../../packages/kit/src/email/local-outbox.ts'
import { launchBrowser } from '../../../../packages/kit/src/testing/browser.ts'
import { chromiumJourneys, type ChromiumJourneys } from '../testing/browser.ts'
import { DEMO_RP, FIXED_CODE, startSignInTest, type SignInTest } from '../testing/test-sign-in.ts'

// The registration paths beyond a match on the NI number, and the code pages' dead ends, as people meet them in
// Chromium through the /demo relying party, with the demo teaching records. Every page and error state passes axe.

const MINUTE = 60_000

describe('the other sign-in and registration paths in a browser', () => {
  let test: SignInTest
  let browser: Browser
  let person: ChromiumJourneys
  // The journey's clock runs with the system's, moved on when a test needs a code to have expired.
  let clockAhead = 0
  const clock = { now: () => new Date(Date.now() + clockAhead) }

  before(async () => {
    ;[test, browser] = await Promise.all([
      // Three codes an address per 10 minutes, so the limit is met quickly; none per client address: every person here
      // comes from 127.0.0.1.
      startSignInTest({ fixedCode: FIXED_CODE, demo: true, clock, limits: { codesPerEmail: 3, codesPerIp: 0 } }),
      launchBrowser(),
    ])
    person = await chromiumJourneys(browser, { baseURL: test.identity.issuer, code: FIXED_CODE })
    // As Register for an NPQ does: a lookup that ends Pending raises a helpdesk ticket. No other path here ends Pending.
    await test.identity.database.db.updateTable('clients').set({ raise_trn_support_tickets: true }).where('client_id', '=', DEMO_RP.clientId).execute()
  })
  after(async () => {
    await browser?.close()
    await test?.close()
  })

  const expectPage: ChromiumJourneys['expectPage'] = (...args) => person.expectPage(...args)
  const clickContinue: ChromiumJourneys['clickContinue'] = (page) => person.clickContinue(page)

  async function giveNameAndDateOfBirth(page: Page, firstName: string, lastName: string, [day, month, year]: [string, string, string]) {
    await expectPage(page, 'What is your name?')
    await page.getByLabel('First name').fill(firstName)
    await page.getByLabel('Last name').fill(lastName)
    await clickContinue(page)
    await expectPage(page, 'What name do you want us to use?')
    await clickContinue(page)
    await expectPage(page, 'What is your date of birth?')
    await page.getByLabel('Day').fill(day)
    await page.getByLabel('Month').fill(month)
    await page.getByLabel('Year').fill(year)
    await clickContinue(page)
  }

  async function answer(page: Page, heading: string, label: string) {
    await expectPage(page, heading)
    await page.getByLabel(label, { exact: true }).check()
    await clickContinue(page)
  }

  /** Continues to the demo service and reads the ID token claims it shows (the first of its two lists). */
  async function claimsAtDemo(page: Page): Promise<Map<string, string>> {
    await page.getByRole('button', { name: 'Continue to Demo service' }).click()
    await page.getByRole('heading', { name: 'ID token claims' }).waitFor()
    await expectPage(page, 'Demo service', { variant: 'claims' })
    const claims = new Map<string, string>()
    for (const row of await page.locator('.govuk-summary-list').first().locator('.govuk-summary-list__row').all()) {
      claims.set((await row.locator('dt').innerText()).trim(), (await row.locator('dd').innerText()).trim())
    }
    return claims
  }

  // One look at the outbox at a time: a look sends every queued email first, and must not read the file while
  // another look is still writing one of its emails.
  let outboxTurn: Promise<unknown> = Promise.resolve()
  /** How many codes have been emailed to `email` so far. */
  const codesSentTo = (email: string): Promise<number> => {
    const count = outboxTurn.then(async () => {
      await test.latestCode(email)
      return (await readLocalOutbox(test.dataDir)).filter((message) => message.to === email).length
    })
    outboxTurn = count.catch(() => undefined)
    return count
  }

  // Two people at a time, as the machine has two cores: the browser works on one page while the service answers another.
  describe('people on their own paths', { concurrency: 2 }, () => {
    it('finds Jack Robinson, a twin, only once he gives his TRN', async () => {
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, 'jack.robinson@school.example')
        await giveNameAndDateOfBirth(page, 'Jack', 'Robinson', ['8', '1', '1993'])
        // His twin Jake shares his surname and date of birth: neither is found on those alone.
        await answer(page, 'Do you have a National Insurance number?', 'No')
        await expectPage(page, 'Do you have a teacher reference number (TRN)?')
        assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/sign-in/has-ni-number')
        await page.getByLabel('Yes').check()
        await clickContinue(page)
        await expectPage(page, 'What is your teacher reference number (TRN)?')
        await page.getByLabel('What is your teacher reference number (TRN)?').fill('1000006')
        await clickContinue(page)

        await expectPage(page, 'Check your answers')
        assert.match(await page.locator('.govuk-summary-list').innerText(), /Teacher reference number \(TRN\)\s+1000006/)
        assert.doesNotMatch(await page.locator('main').innerText(), /qualified teacher status/, 'no QTS questions once the record is found')
        await page.getByRole('button', { name: 'Create account' }).click()
        await expectPage(page, 'You’ve created your account')
        await page.getByText('Your teacher reference number (TRN) is 1000006.').waitFor()
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('trn'), '1000006')
        assert.equal(claims.get('trn_lookup_status'), 'Found')
        assert.equal(claims.get('name'), 'Jack Thomas Robinson', 'the record’s names')
      })
    })

    it('tells a twin who gives only an initial that someone will check their details, and how long it takes', async () => {
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, 'j.robinson@school.example')
        await giveNameAndDateOfBirth(page, 'J', 'Robinson', ['8', '1', '1993'])
        await answer(page, 'Do you have a National Insurance number?', 'No')
        await answer(page, 'Do you have a teacher reference number (TRN)?', 'No')
        await answer(page, 'Have you been awarded qualified teacher status (QTS)?', 'No')
        await expectPage(page, 'Check your answers')
        await page.getByRole('button', { name: 'Create account' }).click()
        await expectPage(page, 'You’ve created your account', { variant: 'being checked' })
        await page.getByRole('heading', { name: 'We need to check your details' }).waitFor()
        await page.getByText('This usually takes up to 5 working days.', { exact: false }).waitFor()
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('trn_lookup_status'), 'Pending')
      })
    })

    it('tells someone with no teaching record that none was found, after every question', async () => {
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, 'ada.lovelace@school.example')
        await giveNameAndDateOfBirth(page, 'Ada', 'Lovelace', ['10', '12', '1990'])
        await answer(page, 'Do you have a National Insurance number?', 'Yes')
        await expectPage(page, 'What is your National Insurance number?')
        await page.getByLabel('What is your National Insurance number?').fill('QQ 99 88 77 A')
        await clickContinue(page)
        await answer(page, 'Do you have a teacher reference number (TRN)?', 'No')
        await answer(page, 'Have you been awarded qualified teacher status (QTS)?', 'No')

        await expectPage(page, 'Check your answers')
        await page.getByRole('button', { name: 'Create account' }).click()
        await expectPage(page, 'You’ve created your account', { variant: 'no record' })
        await page.getByRole('heading', { name: 'We did not find a teaching record for you' }).waitFor()
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('trn_lookup_status'), 'None')
        assert.equal(claims.has('trn'), false)
        assert.equal(claims.get('email'), 'ada.lovelace@school.example')
      })
    })

    it('finds the record of Sarah Thompson, whose account was made by a service that did not ask for it', async () => {
      const account = await test.identity.createUser({ email: 'sarah.thompson@home.example' })
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, account.email)
        // Her name and date of birth are her account's: only the teaching record questions are asked.
        await answer(page, 'Do you have a National Insurance number?', 'Yes')
        await expectPage(page, 'What is your National Insurance number?')
        await page.getByLabel('What is your National Insurance number?').fill('QQ 12 34 56 C')
        await clickContinue(page)

        await expectPage(page, 'Check your answers', { variant: 'for an account that exists' })
        assert.equal(await page.getByRole('link', { name: /Change\s+name/ }).count(), 0, 'the account’s own details are not changed here')
        await page.getByRole('button', { name: 'Continue' }).click()
        await expectPage(page, 'You’ve signed in', { variant: 'record found for an account' })
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('sub'), account.sub)
        assert.equal(claims.get('trn'), '1000001')
        assert.equal(claims.get('trn_lookup_status'), 'Found')
      })
    })

    it('verifies Siân Llewellyn-Jones’s TRN with her NI number for a service with the strict match policy', async () => {
      const strict = await test.registerClient({ name: 'Strict service', trnMatchPolicy: 'strict' })
      await test.identity.createUser({
        email: 'sian.llewellyn-jones@home.example',
        given_name: 'Siân',
        middle_name: null,
        family_name: 'Llewellyn-Jones',
        birthdate: '1988-12-01',
        trn: '1000008',
        trn_lookup_status: 'Found',
        trn_verification_level: 'low',
      })
      await person.visit(async (page) => {
        await page.goto((await test.authorizationUrl(strict)).href)
        await person.emailAndCode(page, 'sian.llewellyn-jones@home.example')
        await expectPage(page, 'We need to check your teaching record')
        await clickContinue(page)
        await expectPage(page, 'What is your National Insurance number?', { variant: 'no way on without it' })
        await clickContinue(page)
        await expectPage(page, 'What is your National Insurance number?', { errors: ['Enter your National Insurance number'], variant: 'no way on without it' })
        await page.getByLabel('What is your National Insurance number?').fill('QQ 24 68 10 C')
        await clickContinue(page)
        await expectPage(page, 'What is your teacher reference number (TRN)?', { variant: 'no way on without it' })
        await page.getByLabel('What is your teacher reference number (TRN)?').fill('1000008')
        await clickContinue(page)
        await expectPage(page, 'Check your answers', { variant: 'NI number and TRN to verify' })
        await page.getByRole('button', { name: 'Continue' }).click()
        await expectPage(page, 'You’ve signed in', { variant: 'TRN verified' })
        await page.getByRole('heading', { name: 'We’ve checked your teaching record' }).waitFor()
      })
    })

    it('asks someone registering with their school office’s address which address to use', async () => {
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, 'office@primary.example')
        await expectPage(page, 'Which email address would you like to use?')
        await clickContinue(page)
        await expectPage(page, 'Which email address would you like to use?', { errors: ['Select which email address you want to use'] })
        await page.getByLabel('Use a different email address').check()
        await clickContinue(page)
        await expectPage(page, 'Enter your email address', { variant: 'changing a shared address' })
      })
    })

    it('signs Liz O’Connor in to the account she already has under another email, with a code sent to that address', async () => {
      const existing = await test.identity.createUser({
        email: 'elizabeth.oconnor@home.example',
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
        await person.emailAndCode(page, 'liz.oconnor@school.example')
        await giveNameAndDateOfBirth(page, 'Liz', "O'Connor", ['22', '5', '1970'])

        await expectPage(page, 'Is this your account?')
        const shown = await page.locator('main').innerText()
        assert.match(shown, /e•••@home\.example/)
        assert.doesNotMatch(shown, /elizabeth\.oconnor/, 'the address is not shown in full before it is proved')
        await page.getByLabel('Yes, this is my account').check()
        await clickContinue(page)

        await expectPage(page, 'Check your email', { variant: 'the code for an existing account' })
        await page.getByText('We’ve sent a security code to e•••@home.example, the email address of the account you said is yours.').waitFor()
        assert.equal(await codesSentTo('elizabeth.oconnor@home.example'), 1)
        await page.getByLabel('Security code').fill('000000')
        await clickContinue(page)
        await expectPage(page, 'Check your email', { errors: ['The security code is not correct. You can try 4 more times.'], variant: 'the code for an existing account' })
        await page.getByLabel('Security code').fill(FIXED_CODE)
        await clickContinue(page)

        await expectPage(page, 'You’ve signed in')
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('sub'), existing.sub)
        assert.equal(claims.get('email'), 'elizabeth.oconnor@home.example')
        assert.equal(claims.get('trn'), '1000009')
      })
    })

    it('lets Priya Sharma prove the account holding her TRN is hers, and keep that account’s email', async () => {
      // She registered years ago under her previous surname, so nothing asks "Is this your account?" until her record is found.
      const owner = await test.identity.createUser({
        email: 'priya.patel@home.example',
        given_name: 'Priya',
        middle_name: null,
        family_name: 'Patel',
        birthdate: '1982-09-18',
        trn: '1000005',
        trn_lookup_status: 'Found',
        trn_verification_level: 'medium',
      })
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await person.emailAndCode(page, 'priya.sharma@school.example')
        await giveNameAndDateOfBirth(page, 'Priya', 'Sharma', ['18', '9', '1982'])
        // A rare name and date of birth: her record is found at once.
        await expectPage(page, 'Check your answers')
        await page.getByRole('button', { name: 'Create account' }).click()

        await expectPage(page, 'You already have a DfE Identity account')
        await page.getByText('uses the email address p•••@home.example').waitFor()
        assert.equal(await codesSentTo('priya.patel@home.example'), 1)
        await page.getByLabel('Security code').fill('000000')
        await clickContinue(page)
        await expectPage(page, 'You already have a DfE Identity account', { errors: ['The security code is not correct. You can try 4 more times.'] })
        await page.getByLabel('Security code').fill(FIXED_CODE)
        await clickContinue(page)

        await expectPage(page, 'Which email address do you want to use?')
        await clickContinue(page)
        await expectPage(page, 'Which email address do you want to use?', { errors: ['Select the email address you want to use'] })
        await page.getByLabel('priya.patel@home.example').check()
        await clickContinue(page)
        await expectPage(page, 'You’ve signed in')
        const claims = await claimsAtDemo(page)
        assert.equal(claims.get('sub'), owner.sub, 'the account keeps its sub')
        assert.equal(claims.get('email'), 'priya.patel@home.example')
        assert.equal(claims.get('trn'), '1000005')
      })
      const accounts = await test.identity.database.db.selectFrom('users').select('email').where('birthdate', '=', '1982-09-18').execute()
      assert.deepEqual(accounts, [{ email: 'priya.patel@home.example' }], 'no second account')
    })

    it('kills a code after five wrong tries, and stops sending new codes to one address after three', async () => {
      await person.visit(async (page) => {
        await person.startAtDemo(page)
        await page.getByLabel('Enter your email address').fill('guesser@school.example')
        await clickContinue(page)
        await expectPage(page, 'Check your email')
        for (const left of ['4 more times', '3 more times', '2 more times', '1 more time']) {
          await page.getByLabel('Security code').fill('000000')
          await clickContinue(page)
          await expectPage(page, 'Check your email', { errors: [`The security code is not correct. You can try ${left}.`] })
        }
        const tooMany = ['You have entered the wrong security code too many times. Get a new code.']
        await page.getByLabel('Security code').fill('000000')
        await clickContinue(page)
        await expectPage(page, 'Check your email', { errors: tooMany, variant: 'too many wrong codes' })
        assert.equal(await page.getByLabel('Security code').inputValue(), '', 'the dead code is not kept')
        await page.getByLabel('Security code').fill(FIXED_CODE)
        // The page comes back just as it was: wait for it to load again.
        const reloaded = page.waitForEvent('load')
        await clickContinue(page)
        await reloaded
        await expectPage(page, 'Check your email', { errors: tooMany, variant: 'too many wrong codes' })

        for (const sent of [2, 3]) {
          await page.getByText('Not received an email?').click()
          await page.getByRole('link', { name: 'get a new code', exact: true }).click()
          await expectPage(page, 'Get a new security code')
          await page.getByRole('button', { name: 'Send a new code' }).click()
          await expectPage(page, 'Check your email', { variant: 'a new code sent' })
          await page.getByText('We’ve sent a new code to guesser@school.example.').waitFor()
          assert.equal(await codesSentTo('guesser@school.example'), sent)
        }
        await page.goto('/sign-in/email-code/resend')
        await page.getByRole('button', { name: 'Send a new code' }).click()
        await expectPage(page, 'Sorry, there have been too many attempts')
        assert.equal(await codesSentTo('guesser@school.example'), 3, 'no fourth code')

        await page.goto('/sign-in/email-code')
        await page.getByLabel('Security code').fill(FIXED_CODE)
        await clickContinue(page)
        await expectPage(page, 'What is your name?')
      })
    })
  })

  // Alone, after the others: it moves the journey's clock on, which would expire their codes too.
  it('sends a new code when an expired one is typed, and says so', async () => {
    await person.visit(async (page) => {
      await person.startAtDemo(page)
      await page.getByLabel('Enter your email address').fill('late@school.example')
      await clickContinue(page)
      await expectPage(page, 'Check your email')
      clockAhead = 16 * MINUTE
      try {
        await page.getByLabel('Security code').fill(FIXED_CODE)
        await clickContinue(page)
        await expectPage(page, 'Check your email', { errors: ['That security code has expired. We’ve sent a new code to late@school.example.'], variant: 'expired code' })
        assert.equal(await page.getByLabel('Security code').inputValue(), '')
        assert.equal(await codesSentTo('late@school.example'), 2)
        await page.getByLabel('Security code').fill(FIXED_CODE)
        await clickContinue(page)
        await expectPage(page, 'What is your name?')
      } finally {
        clockAhead = 0
      }
    })
  })
})
