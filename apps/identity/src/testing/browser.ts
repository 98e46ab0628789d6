import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'

/** A browser for protocol tests: keeps cookies and follows redirects, but never leaves the provider's origins. */
export type TestBrowser = {
  /**
   * Follows redirects from `url` until a page answers or a redirect leaves the provider (to a client's redirect URI,
   * which is never fetched: the test plays the client and reads the URL).
   */
  navigate(url: string | URL, init?: { method?: 'GET' | 'POST'; form?: Record<string, string> }): Promise<Navigation>
  cookieNames(): string[]
}

export type Navigation = {
  /** The last URL requested, or the outside URL a redirect pointed to. */
  url: URL
  /** True when a redirect pointed outside the provider: `url` is where the client would have been sent. */
  leftProvider: boolean
  status: number
  /** The headers of the last answer. */
  headers: Headers
  body: string
  /** Every URL requested along the way. */
  visited: URL[]
}

type Cookie = { name: string; value: string; path: string; expiresAt: number | undefined }

const MOST_REDIRECTS = 20

export function createBrowser(providerOrigins: string[]): TestBrowser {
  const jar = new Map<string, Cookie>()
  const origins = new Set(providerOrigins.map((origin) => new URL(origin).origin))

  function cookieHeader(url: URL): string {
    const now = Date.now()
    return [...jar.values()]
      .filter((cookie) => cookie.expiresAt === undefined || cookie.expiresAt > now)
      .filter((cookie) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')
  }

  function store(url: URL, setCookies: string[]) {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim())
      const index = pair.indexOf('=')
      const cookie: Cookie = { name: pair.slice(0, index), value: pair.slice(index + 1), path: '/', expiresAt: undefined }
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=')
        if (key.toLowerCase() === 'path') cookie.path = value
        if (key.toLowerCase() === 'expires') cookie.expiresAt = Date.parse(value)
        if (key.toLowerCase() === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000
      }
      if (!attributes.some((attribute) => attribute.toLowerCase().startsWith('path='))) cookie.path = url.pathname.replace(/\/[^/]*$/, '') || '/'
      const key = `${cookie.name} ${cookie.path}`
      if (cookie.value === '' || (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now())) jar.delete(key)
      else jar.set(key, cookie)
    }
  }

  return {
    async navigate(start, init = {}) {
      let url = new URL(start)
      let method = init.method ?? 'GET'
      let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined
      const visited: URL[] = []
      for (let hop = 0; hop < MOST_REDIRECTS; hop++) {
        visited.push(url)
        const headers: Record<string, string> = { accept: 'text/html' }
        const cookies = cookieHeader(url)
        if (cookies) headers.cookie = cookies
        if (body) headers['content-type'] = 'application/x-www-form-urlencoded'
        const response = await fetch(url, { method, headers, body, redirect: 'manual' })
        store(url, response.headers.getSetCookie())
        const location = response.headers.get('location')
        const text = await response.text()
        if (response.status < 300 || response.status >= 400 || !location) {
          return { url, leftProvider: false, status: response.status, headers: response.headers, body: text, visited }
        }
        const next = new URL(location, url)
        if (!origins.has(next.origin)) return { url: next, leftProvider: true, status: response.status, headers: response.headers, body: text, visited }
        url = next
        method = 'GET'
        body = undefined
      }
      throw new Error(`more than ${MOST_REDIRECTS} redirects from ${String(start)}`)
    },
    cookieNames: () => [...jar.values()].map((cookie) => cookie.name),
  }
}

/** What a test needs to drive the journey as a person in Chromium (`*.browser.test.ts`). */
export type ChromiumJourneys = {
  /** Runs a person's visit in a fresh browser context, failing on any script error, missing asset or policy violation. */
  visit(work: (page: Page) => Promise<void>): Promise<void>
  /**
   * Waits for the page with this heading (and, when given, these errors in its summary), then checks it with axe the
   * first time this page is met with (or without) errors and in this variant: axe takes nearly half a second a page,
   * so name a variant for a different state of a page that has been checked already.
   */
  expectPage(page: Page, heading: string, options?: { errors?: string[]; variant?: string }): Promise<void>
  clickContinue(page: Page): Promise<void>
  /** Opens the /demo relying party and signs in from it, asking for the teaching record or only name and email. */
  startAtDemo(page: Page, scope?: 'record' | 'basic'): Promise<void>
  /** Gives the email address and the code sent to it, from the email page. */
  emailAndCode(page: Page, email: string): Promise<void>
}

export async function chromiumJourneys(browser: Browser, options: { baseURL: string; code: string }): Promise<ChromiumJourneys> {
  // Loaded here, not at the top: the HTTP tests import this file for createBrowser and should not pay for Playwright and axe.
  const { expectNoAxeViolations, visitWatchingForProblems } = await import('../../../../packages/kit/src/testing/browser.ts')
  const checked = new Set<string>()

  const visit = (work: (page: Page) => Promise<void>) => visitWatchingForProblems(browser, work, { baseURL: options.baseURL })

  async function expectPage(page: Page, heading: string, pageOptions: { errors?: string[]; variant?: string } = {}) {
    await page.getByRole('heading', { level: 1, name: heading }).waitFor()
    // The same page again with its errors: wait for them, not for the heading (or other errors) the page already had.
    for (const error of pageOptions.errors ?? []) await page.locator('.govuk-error-summary__list').getByRole('link', { name: error, exact: true }).waitFor()
    const summary = await page.locator('.govuk-error-summary__list a').allInnerTexts()
    assert.deepEqual(summary, pageOptions.errors ?? [], `errors on "${heading}"`)
    if (pageOptions.errors) assert.match(await page.title(), /^Error: /)
    const state = `${heading}|${summary.length > 0}|${pageOptions.variant ?? ''}`
    if (checked.has(state)) return
    checked.add(state)
    await expectNoAxeViolations(page)
  }

  const clickContinue = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true }).click()

  return {
    visit,
    expectPage,
    clickContinue,
    async startAtDemo(page, scope = 'record') {
      await page.goto('/demo')
      await expectPage(page, 'Demo service')
      if (scope === 'basic') await page.getByLabel('Only my name and email').check()
      await page.getByRole('button', { name: 'Sign in' }).click()
    },
    async emailAndCode(page, email) {
      await page.getByLabel('Enter your email address').fill(email)
      await clickContinue(page)
      await expectPage(page, 'Check your email')
      await page.getByLabel('Security code').fill(options.code)
      await clickContinue(page)
    },
  }
}
