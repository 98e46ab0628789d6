import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { expectNoAxeViolations, visitWatchingForProblems } from '../../../../packages/kit/src/testing/browser.ts'

// People using the NPQ service (and the identity service it sends them to) in Chromium, for *.browser.test.ts:
// every page they meet, error states included, is checked with axe (WCAG 2.2 AA), and no script may fail, no
// asset go missing and nothing break the Content-Security-Policy.

export type BrowserVisits = {
  /** A person's visit in a fresh browser context (no cookies), failing on script errors, missing assets or CSP violations. */
  visit<T>(work: (page: Page) => Promise<T>): Promise<T>
  /**
   * Waits for the page with this main heading (and, when given, exactly these errors in its summary), then checks it
   * with axe, unless a page of the same address, title and shape (PAGE_SHAPE) has been checked already: axe takes a
   * third of a second or more a page, and the first pages of every registration are the same.
   */
  expectPage(page: Page, heading: string | RegExp, options?: { errors?: string[] }): Promise<void>
  /** How many distinct pages axe has checked, and how long that took. */
  checked(): { pages: number; ms: number }
}

/**
 * The page's elements, with their classes, roles and ARIA attributes but none of their words: what axe's verdict
 * depends on. The same template showing other words (another course, another registration) has the same shape.
 */
const PAGE_SHAPE = `[...document.body.querySelectorAll('*')].map((element) => [element.tagName, element.getAttribute('class'), element.getAttribute('role'), element.getAttribute('type'), ...element.getAttributeNames().filter((name) => name.startsWith('aria-'))].join(' ')).join('|')`

export function browserVisits(browser: Browser, options: { baseURL: string }): BrowserVisits {
  const checked = new Set<string>()
  let axeMs = 0

  const visit = <T>(work: (page: Page) => Promise<T>): Promise<T> => visitWatchingForProblems(browser, work, { baseURL: options.baseURL })

  async function expectPage(page: Page, heading: string | RegExp, pageOptions: { errors?: string[] } = {}) {
    await page.getByRole('heading', { level: 1, name: heading }).first().waitFor()
    // The same page again with its errors: wait for them, not for the heading the page already had.
    for (const error of pageOptions.errors ?? []) await page.locator('.govuk-error-summary__list').getByRole('link', { name: error, exact: true }).waitFor()
    const summary = await page.locator('.govuk-error-summary__list a').allInnerTexts()
    assert.deepEqual(summary, pageOptions.errors ?? [], `errors on "${String(heading)}"`)
    if (pageOptions.errors) assert.match(await page.title(), /^Error: /)
    const url = new URL(page.url())
    const state = `${url.origin}${url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}|${await page.title()}|${await page.evaluate(PAGE_SHAPE)}`
    if (checked.has(state)) return
    checked.add(state)
    const started = performance.now()
    await expectNoAxeViolations(page)
    axeMs += performance.now() - started
  }

  return { visit, expectPage, checked: () => ({ pages: checked.size, ms: Math.round(axeMs) }) }
}

export const clickContinue = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true }).click()

/** The identity service's first registration questions: their name, no other name to use, and their date of birth. */
export async function answerNameAndDateOfBirth(
  visits: BrowserVisits,
  page: Page,
  person: { firstName: string; lastName: string; dateOfBirth: [day: string, month: string, year: string] },
): Promise<void> {
  await visits.expectPage(page, 'What is your name?')
  await page.getByLabel('First name').fill(person.firstName)
  await page.getByLabel('Last name').fill(person.lastName)
  await clickContinue(page)
  await visits.expectPage(page, 'What name do you want us to use?')
  await clickContinue(page)
  await visits.expectPage(page, 'What is your date of birth?')
  const [day, month, year] = person.dateOfBirth
  await page.getByLabel('Day').fill(day)
  await page.getByLabel('Month').fill(month)
  await page.getByLabel('Year').fill(year)
  await clickContinue(page)
}

/** On the page with this heading, chooses the radio or checkbox with this label and continues. */
export async function choose(visits: BrowserVisits, page: Page, heading: string, label: string): Promise<void> {
  await visits.expectPage(page, heading)
  await page.getByLabel(label, { exact: true }).check()
  await clickContinue(page)
}

/**
 * The school branch from the first question to check answers: Autumn 2026, a school in England found by searching
 * "harewood" (Harewood Lane Primary School), Headship (funded), Teach First, and consent to share.
 */
export async function answerHeadshipAtHarewood(visits: BrowserVisits, page: Page): Promise<void> {
  await choose(visits, page, 'When does your course start?', 'Autumn 2026')
  await choose(visits, page, 'Have you chosen an NPQ and provider?', 'Yes')
  await choose(visits, page, 'Do you work in England?', 'Yes')
  await choose(visits, page, 'What setting do you work in?', 'A school')
  const workplace = 'What’s the name of your workplace?'
  await visits.expectPage(page, workplace)
  await page.getByRole('textbox', { name: workplace }).fill('harewood')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByLabel('Harewood Lane Primary School', { exact: true }).check()
  await visits.expectPage(page, workplace)
  await clickContinue(page)
  await choose(visits, page, 'Which NPQ do you want to do?', 'Headship')
  await visits.expectPage(page, 'You’re eligible for scholarship funding')
  await clickContinue(page)
  await choose(visits, page, 'Select your provider', 'Teach First')
  await choose(visits, page, 'Sharing your NPQ information', 'Yes, I agree to share my information')
}
