import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../../../../packages/kit/src/testing/browser.ts'
import type { IdentityClaims } from '../sign-in/identity-client.ts'
import { browserVisits, type BrowserVisits } from '../testing/browser.ts'
import { startTestNpq, type TestNpq } from '../testing/test-npq.ts'

// People registering for an NPQ in Chromium, one branch of the registration each, from the start page to their
// account: every page they meet, error states included, passes axe (WCAG 2.2 AA). Who signs in is chosen by the
// test (the stand-in identity service of test-npq.ts); the real sign-in is in ../end-to-end.browser.test.ts.

const REVIEW_HEADING = 'We need to check if you can get scholarship funding'
const ELIGIBLE_HEADING = 'You’re eligible for scholarship funding'
const NOT_ELIGIBLE_HEADING = 'You’re not eligible for scholarship funding'
const CHECK_ANSWERS = 'Check your answers and submit your registration'

// Two people at a time, as the machine has two cores: the browser draws one page while the service answers another.
describe('registering for an NPQ in a browser', { concurrency: 2 }, () => {
  let npq: TestNpq
  let browser: Browser
  let person: BrowserVisits
  before(async () => {
    ;[npq, browser] = await Promise.all([startTestNpq(), launchBrowser()])
    person = browserVisits(browser, { baseURL: await npq.serve() })
  })
  after(async () => {
    await browser?.close()
    await npq?.close()
  })

  // The stand-in identity service answers sign-ins in the order they arrive: one at a time, so that with two people
  // at once each is signed in as the claims chosen for them.
  let signingIn = Promise.resolve()
  async function signIn(page: Page, claims: Partial<IdentityClaims>, go: () => Promise<unknown>): Promise<IdentityClaims> {
    const previous = signingIn
    let release = () => {}
    signingIn = new Promise((resolve) => (release = resolve))
    await previous
    try {
      const chosen = npq.nextSignIn(claims)
      await go()
      await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/auth/callback')
      return chosen
    } finally {
      release()
    }
  }

  const clickContinue = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true }).click()

  /** Chooses the radio (or checkbox) labelled `label` and continues. */
  async function pick(page: Page, label: string) {
    await page.getByLabel(label, { exact: true }).check()
    await clickContinue(page)
  }

  /** On the page with this heading (checked with axe), chooses the radio (or checkbox) labelled `label` and continues. */
  async function choose(page: Page, heading: string, label: string) {
    await person.expectPage(page, heading)
    await pick(page, label)
  }

  /** Submits the page with nothing answered (or an empty search) and expects these errors in its summary. */
  async function refusesEmpty(page: Page, heading: string, errors: string[], submit: () => Promise<void> = () => clickContinue(page)) {
    await person.expectPage(page, heading)
    await submit()
    await person.expectPage(page, heading, { errors })
  }

  /** From the start page, signed out: Start now, signed in as `claims`, to the first question. */
  async function startNow(page: Page, claims: Partial<IdentityClaims> = {}): Promise<IdentityClaims> {
    await page.goto('/')
    await person.expectPage(page, 'Register for a national professional qualification (NPQ)')
    const signedIn = await signIn(page, claims, () => page.getByRole('button', { name: 'Start now' }).click())
    await person.expectPage(page, 'When does your course start?')
    return signedIn
  }

  /** The questions every registration in England starts with, up to "What setting do you work in?". */
  async function workInEngland(page: Page, cohort = 'Autumn 2026') {
    await choose(page, 'When does your course start?', cohort)
    await choose(page, 'Have you chosen an NPQ and provider?', 'Yes')
    await choose(page, 'Do you work in England?', 'Yes')
    await person.expectPage(page, 'What setting do you work in?')
  }

  /** Searches a search page for `query` and chooses `result` (checking the page as it arrived, unless it shows errors). */
  async function searchAndChoose(page: Page, heading: string, query: string, result: string, options: { showingErrors?: boolean } = {}) {
    if (!options.showingErrors) await person.expectPage(page, heading)
    await page.getByRole('textbox', { name: heading }).fill(query)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByLabel(result, { exact: true }).check()
    await person.expectPage(page, heading)
    await clickContinue(page)
  }

  /** A funding outcome page: its heading and what it says, then Continue. */
  async function fundingOutcome(page: Page, heading: string, says: RegExp) {
    await person.expectPage(page, heading)
    assert.match(await page.locator('main').innerText(), says)
    await clickContinue(page)
  }

  /** The provider and consent, to check answers. */
  async function providerAndConsent(page: Page, provider = 'Teach First') {
    await choose(page, 'Select your provider', provider)
    await choose(page, 'Sharing your NPQ information', 'Yes, I agree to share my information')
    await person.expectPage(page, CHECK_ANSWERS)
  }

  async function summaryRows(page: Page): Promise<Array<[string, string]>> {
    const rows = page.locator('main .govuk-summary-list__row')
    const found: Array<[string, string]> = []
    for (const row of await rows.all()) {
      found.push([(await row.locator('.govuk-summary-list__key').innerText()).trim(), (await row.locator('.govuk-summary-list__value').innerText()).trim()])
    }
    return found
  }

  /** Submits from check answers and expects the confirmation page; returns the registration number. */
  async function submit(page: Page, claims: IdentityClaims): Promise<string> {
    await page.getByRole('button', { name: 'Submit registration' }).click()
    await person.expectPage(page, 'Registration complete')
    const main = await page.locator('main').innerText()
    assert.match(main, new RegExp(`We have sent a confirmation email to ${claims.email.replace(/\./g, '\\.')}`))
    const number = /Your registration number\s+([0-9a-f-]{36})/.exec(main)?.[1]
    assert.ok(number, 'the confirmation page shows the registration number')
    return number
  }

  /** One confirmation email in the local outbox, saying these things; shown on /dev/emails when `onOutboxPage`. */
  async function expectEmail(page: Page, claims: IdentityClaims, courseName: string, says: string[], options: { onOutboxPage?: boolean } = {}) {
    const subject = `Your registration for the ${courseName} NPQ`
    const outbox = await npq.deliverEmails()
    const sent = outbox.filter((email) => email.to === claims.email)
    assert.deepEqual(
      sent.map((email) => email.subject),
      [subject],
      'one confirmation email',
    )
    for (const text of says) assert.ok(sent[0]?.body.includes(text), `the email says "${text}"`)
    if (!options.onOutboxPage) return
    await page.goto('/dev/emails')
    await person.expectPage(page, 'Emails in the local outbox')
    const card = page.locator('.govuk-summary-card', { hasText: claims.email }).filter({ hasText: subject })
    assert.equal(await card.count(), 1, 'the email is listed on the outbox page')
  }

  /** "Your registrations" lists exactly these courses (newest first). */
  async function expectAccount(page: Page, courses: string[]) {
    await page.goto('/account')
    await person.expectPage(page, 'Your registrations')
    assert.deepEqual(await page.locator('.govuk-summary-card__title').allInnerTexts(), courses)
  }

  it('registers a teacher at a school found by name and by URN, with errors, a change from check answers, the email and the account', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      await refusesEmpty(page, 'When does your course start?', ['Select when your course starts'])
      // The error summary's link takes the person to the question.
      await page.locator('.govuk-error-summary:focus').waitFor()
      await page.getByRole('link', { name: 'Select when your course starts' }).click()
      assert.equal(await page.locator(':focus').getAttribute('value'), '2026b', 'focus is on the first choice')
      await pick(page, 'Autumn 2026')
      await refusesEmpty(page, 'Have you chosen an NPQ and provider?', ['Select yes if you have chosen an NPQ and provider'])
      await pick(page, 'Yes')
      await refusesEmpty(page, 'Do you work in England?', ['Select yes if you work in England'])
      await pick(page, 'Yes')
      await refusesEmpty(page, 'What setting do you work in?', ['Select the setting you work in'])
      await pick(page, 'A school')

      const workplace = 'What’s the name of your workplace?'
      await refusesEmpty(page, workplace, ['Enter the name or URN of your school or college'], () => page.getByRole('button', { name: 'Search' }).click())
      await page.getByRole('textbox', { name: workplace }).fill('harewood')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByRole('group', { name: 'Select your school or college' }).waitFor()
      await person.expectPage(page, workplace)
      assert.deepEqual(await Promise.all((await page.getByRole('radio').all()).map((radio) => radio.getAttribute('value'))), ['107912'], 'one open school matches')
      await clickContinue(page)
      await person.expectPage(page, workplace, { errors: ['Select your school or college'] })
      await page.getByRole('textbox', { name: workplace }).fill('nowhere at all')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByRole('heading', { name: 'No schools or colleges found for ‘nowhere at all’' }).waitFor()
      await person.expectPage(page, workplace)
      // By its URN this time.
      await searchAndChoose(page, workplace, '107912', 'Harewood Lane Primary School')

      await refusesEmpty(page, 'Which NPQ do you want to do?', ['Select the NPQ you want to do'])
      await pick(page, 'Headship')
      await fundingOutcome(page, ELIGIBLE_HEADING, /DfE scholarship funding will pay the course fees for the NPQ for Headship \(NPQH\)/)
      await refusesEmpty(page, 'Select your provider', ['Select your provider'])
      await pick(page, 'Teach First')
      await refusesEmpty(page, 'Sharing your NPQ information', ['You must agree to share your information with providers to continue'])
      await pick(page, 'Yes, I agree to share my information')

      await person.expectPage(page, CHECK_ANSWERS)
      assert.deepEqual(await summaryRows(page), [
        ['Course start', 'Autumn 2026'],
        ['Where you work', 'England'],
        ['Work setting', 'A school'],
        ['Workplace', 'Harewood Lane Primary School, Leeds'],
        ['Course', 'NPQ for Headship (NPQH)'],
        ['Funding', ELIGIBLE_HEADING],
        ['Provider', 'Teach First'],
      ])
      // A change returns to check answers, with Back going there too.
      await page.getByRole('link', { name: 'Change provider' }).click()
      await person.expectPage(page, 'Select your provider')
      assert.equal(await page.getByLabel('Teach First', { exact: true }).isChecked(), true, 'the answer is shown')
      assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/registration/check-answers')
      await page.getByLabel('Ambition Institute', { exact: true }).check()
      await clickContinue(page)
      await person.expectPage(page, CHECK_ANSWERS)
      assert.deepEqual((await summaryRows(page)).at(-1), ['Provider', 'Ambition Institute'])

      const number = await submit(page, claims)
      await page.getByRole('navigation').getByRole('link', { name: 'Your registrations' }).click()
      await person.expectPage(page, 'Your registrations')
      await expectEmail(page, claims, 'NPQ for Headship (NPQH)', ['with Ambition Institute', ELIGIBLE_HEADING, `Your registration number is ${number}`], { onOutboxPage: true })
      await expectAccount(page, ['NPQ for Headship (NPQH)'])
      const card = page.locator('.govuk-summary-card')
      assert.match(await card.innerText(), /Provider\s+Ambition Institute/)
      assert.match(await card.innerText(), /Course start\s+Autumn 2026/)
      assert.match(await card.innerText(), /Status\s+Waiting for the provider to decide/)
      await card.getByRole('link', { name: /View/ }).click()
      await person.expectPage(page, 'NPQ for Headship (NPQH) registration')
      assert.match(await page.locator('main').innerText(), new RegExp(ELIGIBLE_HEADING))
    })
  })

  it('registers early years workers: a local authority nursery found by search, and a childminder by Ofsted URN', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'Early years or childcare')
      await refusesEmpty(page, 'Which early years setting do you work in?', ['Select your early years setting'])
      await pick(page, 'Local authority-maintained nursery')
      await searchAndChoose(page, 'What’s the name of your nursery?', 'kirkstall', 'Kirkstall Forge Nursery School')
      await choose(page, 'Which NPQ do you want to do?', 'Early years leadership')
      await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Early Years Leadership \(NPQEYL\)/)
      await providerAndConsent(page)
      assert.deepEqual((await summaryRows(page)).slice(2, 5), [
        ['Work setting', 'Early years or childcare'],
        ['Early years setting', 'Local authority-maintained nursery'],
        ['Nursery', 'Kirkstall Forge Nursery School, Leeds'],
      ])
      await submit(page, claims)
      await expectEmail(page, claims, 'NPQ for Early Years Leadership (NPQEYL)', ['with Teach First', ELIGIBLE_HEADING])
      await expectAccount(page, ['NPQ for Early Years Leadership (NPQEYL)'])
    })

    await person.visit(async (page) => {
      const claims = await startNow(page)
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'Early years or childcare')
      await choose(page, 'Which early years setting do you work in?', 'As a childminder')
      const hasUrn = 'Do you or your employer have an Ofsted unique reference number (URN)?'
      await refusesEmpty(page, hasUrn, ['Select yes if you or your employer have an Ofsted URN'])
      await pick(page, 'Yes')
      const ofstedUrn = 'What is your or your employer’s Ofsted URN?'
      await refusesEmpty(page, ofstedUrn, ['Enter your or your employer’s Ofsted URN'])
      await page.getByLabel(ofstedUrn).fill('EY000001')
      await clickContinue(page)
      await person.expectPage(page, ofstedUrn, { errors: ['No childcare provider with the URN EY000001 was found. Check the URN and try again'] })
      assert.equal(await page.getByLabel(ofstedUrn).inputValue(), 'EY000001', 'what was typed is kept')
      await page.getByLabel(ofstedUrn).fill(' ey701556 ')
      await clickContinue(page)
      await choose(page, 'Which NPQ do you want to do?', 'Early years leadership')
      await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Early Years Leadership/)
      await providerAndConsent(page)
      assert.deepEqual((await summaryRows(page)).slice(3, 6), [
        ['Early years setting', 'As a childminder'],
        ['Ofsted URN', 'Yes'],
        ['Childcare provider', 'Jodie Harper (URN EY701556)'],
      ])
      await submit(page, claims)
      await expectAccount(page, ['NPQ for Early Years Leadership (NPQEYL)'])
    })
  })

  it('registers people in another setting: a virtual school teacher (role, employer) and a lead mentor (ITT provider)', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'Another setting')
      await refusesEmpty(page, 'How are you employed?', ['Select how you are employed'])
      await pick(page, 'In a virtual school (local authority run organisations that support the education of children in care)')
      await refusesEmpty(page, 'What is your role?', ['Enter your role'])
      await page.getByLabel('What is your role?').fill('Designated teacher')
      await clickContinue(page)
      await refusesEmpty(page, 'What organisation are you employed by?', ['Enter the name of your employer'])
      await page.getByLabel('What organisation are you employed by?').fill('Essex County Council')
      await clickContinue(page)
      await choose(page, 'Which NPQ do you want to do?', 'Senior leadership')
      await fundingOutcome(page, REVIEW_HEADING, /DfE will review your application to decide whether scholarship funding can pay for the NPQ for Senior Leadership/)
      await refusesEmpty(page, 'How are you funding your course?', ['Select how your NPQ will be funded'])
      await pick(page, 'Another way')
      await providerAndConsent(page)
      assert.deepEqual((await summaryRows(page)).slice(2, 6), [
        ['Work setting', 'Another setting'],
        ['Employment', 'In a virtual school (local authority run organisations that support the education of children in care)'],
        ['Role', 'Designated teacher'],
        ['Employer', 'Essex County Council'],
      ])
      await submit(page, claims)
      await expectEmail(page, claims, 'NPQ for Senior Leadership (NPQSL)', [REVIEW_HEADING])
      await expectAccount(page, ['NPQ for Senior Leadership (NPQSL)'])
    })

    await person.visit(async (page) => {
      const claims = await startNow(page)
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'Another setting')
      await choose(page, 'How are you employed?', 'As a lead mentor for an accredited initial teacher training (ITT) provider')
      const itt = 'Which initial teacher training (ITT) provider are you a lead mentor for?'
      await refusesEmpty(page, itt, ['Enter the name of your ITT provider'], () => page.getByRole('button', { name: 'Search' }).click())
      await searchAndChoose(page, itt, 'northern', 'Northern Lights SCITT', { showingErrors: true })
      await choose(page, 'Which NPQ do you want to do?', 'Leading teacher development')
      await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Leading Teacher Development \(NPQLTD\)/)
      await providerAndConsent(page)
      assert.deepEqual((await summaryRows(page)).slice(3, 5), [
        ['Employment', 'As a lead mentor for an accredited initial teacher training (ITT) provider'],
        ['ITT provider', 'Northern Lights SCITT'],
      ])
      await submit(page, claims)
      await expectAccount(page, ['NPQ for Leading Teacher Development (NPQLTD)'])
    })
  })

  it('registers someone working outside England, who is told why there is no funding and asked how they will pay', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      await choose(page, 'When does your course start?', 'Autumn 2026')
      await choose(page, 'Have you chosen an NPQ and provider?', 'Yes')
      await person.expectPage(page, 'Do you work in England?')
      await page.getByLabel('No', { exact: true }).check()
      await clickContinue(page)
      await person.expectPage(page, 'Do you work in England?', { errors: ['Enter the country you work in'] })
      await page.getByLabel('If you do not work in England, which country do you work in?').fill('Spain')
      await clickContinue(page)
      await choose(page, 'What setting do you work in?', 'A school')
      // No workplace search: schools outside England are not in our data.
      await choose(page, 'Which NPQ do you want to do?', 'Senior leadership')
      await fundingOutcome(page, NOT_ELIGIBLE_HEADING, /Scholarship funding is only for people who work in England\./)
      await choose(page, 'How are you funding your course?', 'I am paying')
      await providerAndConsent(page)
      assert.deepEqual(await summaryRows(page), [
        ['Course start', 'Autumn 2026'],
        ['Where you work', 'Spain'],
        ['Work setting', 'A school'],
        ['Course', 'NPQ for Senior Leadership (NPQSL)'],
        ['Funding', NOT_ELIGIBLE_HEADING],
        ['How you are funding your course', 'I am paying'],
        ['Provider', 'Teach First'],
      ])
      await submit(page, claims)
      await expectEmail(page, claims, 'NPQ for Senior Leadership (NPQSL)', ['Scholarship funding is only for people who work in England.'])
      await expectAccount(page, ['NPQ for Senior Leadership (NPQSL)'])
    })
  })

  it('registers a teacher not eligible for funding: a PP50-only course at a school not on the list, then an independent school', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'A school')
      await searchAndChoose(page, 'What’s the name of your workplace?', 'st bede', 'St Bede\'s Catholic Primary School')
      await choose(page, 'Which NPQ do you want to do?', 'Leading primary mathematics')
      const mastery = 'Have you taken at least one year of the primary maths Teaching for Mastery programme?'
      await refusesEmpty(page, mastery, ['Select yes if you took at least one year of the primary maths Teaching for Mastery programme'])
      await pick(page, 'Yes')
      await fundingOutcome(page, 'Your school or college is not eligible for scholarship funding for this course', /only for schools and colleges with the highest proportions of pupils eligible for the pupil premium/)
      await person.expectPage(page, 'How are you funding your course?')

      // Back to the workplace, for an independent school: not a funded kind of school, whatever the course.
      for (const heading of ['Your school or college is not eligible for scholarship funding for this course', mastery, 'Which NPQ do you want to do?', 'What’s the name of your workplace?']) {
        await page.getByRole('link', { name: 'Back' }).click()
        await person.expectPage(page, heading)
      }
      await searchAndChoose(page, 'What’s the name of your workplace?', '103590', 'Kings Norton Hall School')
      await choose(page, 'Which NPQ do you want to do?', 'Senior leadership')
      await fundingOutcome(page, NOT_ELIGIBLE_HEADING, /Where you work is not one of them\./)
      await refusesEmpty(page, 'How are you funding your course?', ['Select how your NPQ will be funded'])
      await pick(page, 'My workplace is covering the cost')
      await providerAndConsent(page)
      const rows = await summaryRows(page)
      assert.deepEqual(rows.slice(3), [
        ['Workplace', 'Kings Norton Hall School, Birmingham'],
        ['Course', 'NPQ for Senior Leadership (NPQSL)'],
        ['Funding', NOT_ELIGIBLE_HEADING],
        ['How you are funding your course', 'My workplace is covering the cost'],
        ['Provider', 'Teach First'],
      ])
      await submit(page, claims)
      await expectEmail(page, claims, 'NPQ for Senior Leadership (NPQSL)', [NOT_ELIGIBLE_HEADING])
      await expectAccount(page, ['NPQ for Senior Leadership (NPQSL)'])
    })
  })

  it('keeps the answers of someone whose TRN is still being checked, without Submit, until their record is found', async () => {
    const claims = await person.visit(async (page) => {
      const pending = await startNow(page, { trn: undefined, trn_lookup_status: 'Pending' })
      await workInEngland(page)
      await choose(page, 'What setting do you work in?', 'A school')
      await searchAndChoose(page, 'What’s the name of your workplace?', '107912', 'Harewood Lane Primary School')
      await choose(page, 'Which NPQ do you want to do?', 'Senior leadership')
      await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Senior Leadership/)
      await providerAndConsent(page)
      await page.getByRole('heading', { name: 'You cannot submit your registration yet' }).waitFor()
      const main = await page.locator('main').innerText()
      assert.match(main, new RegExp(`Our helpdesk will email you at ${pending.email.replace(/\./g, '\\.')} when this is done`))
      assert.match(main, /Your answers are saved/)
      assert.equal(await page.getByRole('button', { name: 'Submit registration' }).count(), 0, 'no Submit')

      await page.getByRole('link', { name: 'Go to your registrations' }).click()
      await person.expectPage(page, 'Your registrations')
      assert.match(await page.locator('main').innerText(), /We are checking your details against the teaching record/)
      await page.getByRole('heading', { name: 'Registration in progress' }).waitFor()
      await page.getByRole('link', { name: 'Sign out' }).click()
      await person.expectPage(page, 'Register for a national professional qualification (NPQ)')
      return pending
    })

    // The helpdesk links their record; they sign in again another day and pick up where they left off.
    await person.visit(async (page) => {
      await page.goto('/')
      await person.expectPage(page, 'Register for a national professional qualification (NPQ)')
      await signIn(page, { sub: claims.sub, email: claims.email, trn: '3199999', trn_lookup_status: 'Found' }, () => page.getByRole('button', { name: 'Start now' }).click())
      await person.expectPage(page, CHECK_ANSWERS)
      assert.deepEqual((await summaryRows(page)).map(([key]) => key), ['Course start', 'Where you work', 'Work setting', 'Workplace', 'Course', 'Funding', 'Provider'])
      assert.equal(await page.getByRole('heading', { name: 'You cannot submit your registration yet' }).count(), 0)
      await submit(page, claims)
      await expectEmail(page, claims, 'NPQ for Senior Leadership (NPQSL)', ['with Teach First'], { onOutboxPage: true })
      await expectAccount(page, ['NPQ for Senior Leadership (NPQSL)'])
      assert.match(await page.locator('main').innerText(), /Your teacher reference number \(TRN\) is 3199999/)
    })
    const [application] = await npq.database.db.selectFrom('applications').innerJoin('users', 'users.id', 'applications.user_id').select('on_submission_trn').where('users.sub', '=', claims.sub).execute()
    assert.equal(application?.on_submission_trn, '3199999')
  })

  it('refuses a second registration for the same course and start, clearly, and takes one for another course', async () => {
    await person.visit(async (page) => {
      const claims = await startNow(page)
      const atSchool = async () => {
        await workInEngland(page)
        await choose(page, 'What setting do you work in?', 'A school')
        await searchAndChoose(page, 'What’s the name of your workplace?', 'harewood', 'Harewood Lane Primary School')
        await choose(page, 'Which NPQ do you want to do?', 'Leading teaching')
        await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Leading Teaching \(NPQLT\)/)
        await providerAndConsent(page)
      }
      await atSchool()
      await submit(page, claims)
      await expectAccount(page, ['NPQ for Leading Teaching (NPQLT)'])

      await page.getByRole('button', { name: 'Register for an NPQ' }).click()
      await atSchool()
      await page.getByRole('button', { name: 'Submit registration' }).click()
      const refusal =
        'You have already registered for the NPQ for Leading Teaching (NPQLT) starting in Autumn 2026. You cannot register for it again while the provider decides on that registration. Choose a different course, or see your registrations'
      await person.expectPage(page, CHECK_ANSWERS, { errors: [refusal] })
      await page.getByRole('link', { name: refusal }).click()
      await person.expectPage(page, 'Which NPQ do you want to do?')
      await page.getByLabel('Leading behaviour and culture', { exact: true }).check()
      await clickContinue(page)
      await fundingOutcome(page, ELIGIBLE_HEADING, /NPQ for Leading Behaviour and Culture \(NPQLBC\)/)
      await person.expectPage(page, CHECK_ANSWERS)
      assert.deepEqual((await summaryRows(page)).find(([key]) => key === 'Course'), ['Course', 'NPQ for Leading Behaviour and Culture (NPQLBC)'])
      await submit(page, claims)
      await expectAccount(page, ['NPQ for Leading Behaviour and Culture (NPQLBC)', 'NPQ for Leading Teaching (NPQLT)'])
      const outbox = (await npq.deliverEmails()).filter((email) => email.to === claims.email)
      assert.equal(outbox.length, 2, 'one email for each registration, none for the refusal')
    })
  })

  it('sends a deep link to where the person is, and Back goes along their own path keeping their answers', async () => {
    await person.visit(async (page) => {
      // Not signed in: signing in first, then the page asked for, which sends a new person to the first question.
      await signIn(page, {}, () => page.goto('/registration/choose-your-provider'))
      await person.expectPage(page, 'When does your course start?')
      assert.equal(new URL(page.url()).pathname, '/registration/course-start-date')

      await workInEngland(page, 'Spring 2026')
      await choose(page, 'What setting do you work in?', 'A school')
      await person.expectPage(page, 'What’s the name of your workplace?')
      for (const deepLink of ['/registration/check-answers', '/registration/share-provider', '/registration/possible-funding']) {
        await page.goto(deepLink)
        await person.expectPage(page, 'What’s the name of your workplace?')
        assert.equal(new URL(page.url()).pathname, '/registration/choose-school', `${deepLink} goes to where the person is`)
      }
      await page.goto('/registration/no-such-question')
      await person.expectPage(page, 'Page not found')

      await page.goto('/registration/choose-school')
      const answered: Array<[heading: string, label: string]> = [
        ['What setting do you work in?', 'A school'],
        ['Do you work in England?', 'Yes'],
        ['Have you chosen an NPQ and provider?', 'Yes'],
        ['When does your course start?', 'Spring 2026'],
      ]
      for (const [heading, label] of answered) {
        await page.getByRole('link', { name: 'Back' }).click()
        await person.expectPage(page, heading)
        assert.equal(await page.getByLabel(label, { exact: true }).isChecked(), true, `"${label}" is still chosen on "${heading}"`)
      }
      await page.getByRole('link', { name: 'Back' }).click()
      await person.expectPage(page, 'Register for a national professional qualification (NPQ)')
      await page.getByRole('button', { name: 'Continue your registration' }).click()
      await person.expectPage(page, 'What’s the name of your workplace?')

      // Choosing no NPQ and provider yet stops the registration, with a way back.
      await page.goto('/registration/provider-check')
      await choose(page, 'Have you chosen an NPQ and provider?', 'No')
      await person.expectPage(page, 'Choose an NPQ and provider before you register')
      await page.getByRole('link', { name: 'Go back and change your answer' }).click()
      await person.expectPage(page, 'Have you chosen an NPQ and provider?')
    })
  })
})
