import assert from 'node:assert/strict'
import { AxeBuilder } from '@axe-core/playwright'
import type { Express } from 'express'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { listen, type RunningServer } from '../http/server.ts'

/** Debian's Chromium (`apt-get install chromium`); playwright-core brings no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: what GOV.UK services must meet. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

/** A fresh context (no cookies or storage from another test) and page; closed afterwards whatever happens. */
export async function withPage<T>(browser: Browser, work: (page: Page, context: BrowserContext) => Promise<T>, options: { baseURL?: string } = {}): Promise<T> {
  const context = await browser.newContext({ baseURL: options.baseURL })
  try {
    return await work(await context.newPage(), context)
  } finally {
    await context.close()
  }
}

/**
 * A person's visit in a fresh browser context that fails on script errors, missing assets (a form answering 400 is
 * logged as a failed load, so only non-document responses count) or Content-Security-Policy violations, and that
 * says which page it was on, with its text, when the work fails.
 */
export async function visitWatchingForProblems<T>(browser: Browser, work: (page: Page) => Promise<T>, options: { baseURL?: string } = {}): Promise<T> {
  return withPage(
    browser,
    async (page) => {
      page.setDefaultTimeout(5000)
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()))
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('response', (response) => {
        if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`)
      })
      let result: T
      try {
        result = await work(page)
      } catch (error) {
        const main = await page.locator('body').innerText().catch(() => '')
        throw new Error(`${(error as Error).message}\n  on ${page.url()}:\n${main.slice(0, 1500)}`, { cause: error })
      }
      assert.deepEqual(problems, [], 'no script errors, missing assets or Content-Security-Policy violations')
      return result
    },
    options,
  )
}

/** Serves an app on a free port on 127.0.0.1, for a browser to visit. */
export async function serveForBrowser(app: Express): Promise<RunningServer & { url: string }> {
  const server = await listen(app, 0, '127.0.0.1')
  return { ...server, url: `http://127.0.0.1:${server.port}` }
}

/** Fails with every WCAG 2.2 A/AA violation on the page as it is now, one readable line per element. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per check to gather results from
  // other-origin frames, which our pages never have, at three times the cost.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze()
  if (results.violations.length === 0) return
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`)
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n${nodes.join('\n')}`
    })
    .join('\n')
  assert.fail(`${page.url()} has ${results.violations.length} accessibility violation(s):\n${report}`)
}
