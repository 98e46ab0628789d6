import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { fixedClock } from '../clock.ts'
import { EMAIL_JOB, emailJobHandler } from '../email/email-outbox.ts'
import { createLocalOutboxSender } from '../email/local-outbox.ts'
import type { RunningServer } from '../http/server.ts'
import { createLogger } from '../logger.ts'
import { KIT_MIGRATIONS, type KitTables } from '../migrations.ts'
import { createOutboxWorker } from '../outbox/worker.ts'
import { expectNoAxeViolations, launchBrowser, serveForBrowser, withPage } from '../testing/browser.ts'
import { createTestDatabase, type TestDatabase } from '../testing/database.ts'
import { createExampleApp, EXAMPLE_EMAILS } from './example/app.ts'

describe('a form page in a browser', () => {
  let database: TestDatabase<KitTables>
  let server: RunningServer & { url: string }
  let browser: Browser
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const logger = createLogger({ name: 'browser-test', level: 'silent' })
  const dataDir = mkdtempSync(join(tmpdir(), 'browser-'))

  before(async () => {
    ;[database, browser] = await Promise.all([createTestDatabase<KitTables>([KIT_MIGRATIONS]), launchBrowser()])
    server = await serveForBrowser(createExampleApp({ db: database.db, clock, logger, dataDir }).app)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('passes axe with and without errors, its error summary links focus the fields, and its email reaches the outbox page', async () => {
    await withPage(
      browser,
      async (page) => {
        const problems: string[] = []
        // A form answering 400 is logged as a failed load: what matters are scripts, styles, fonts and policy.
        page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()))
        page.on('pageerror', (error) => problems.push(error.message))
        page.on('response', (response) => {
          if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`)
        })

        await page.goto('/your-details')
        assert.equal(await page.title(), 'Your details – Example service – GOV.UK')
        // The nonce let GOV.UK's inline script run, and the stylesheet and its font loaded.
        assert.equal(await page.locator('body.govuk-frontend-supported').count(), 1)
        assert.match(String(await page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")), /GDS Transport/)
        await expectNoAxeViolations(page)

        await page.getByRole('button', { name: 'Continue' }).click()
        await page.waitForURL('**/your-details')
        assert.equal(await page.title(), 'Error: Your details – Example service – GOV.UK')
        // GOV.UK Frontend's JavaScript (started by init.js) moves focus to the summary.
        await page.locator('.govuk-error-summary:focus').waitFor()
        await expectNoAxeViolations(page)

        await page.getByRole('link', { name: 'Enter your full name' }).click()
        assert.equal(await page.locator(':focus').getAttribute('id'), 'fullName')
        await page.getByRole('link', { name: 'Enter your email address' }).click()
        assert.equal(await page.locator(':focus').getAttribute('id'), 'email')

        await page.getByLabel('Full name').fill('Ada Lovelace')
        await page.getByLabel('Email address').fill('ada@example.com')
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.waitForURL('**/done')
        assert.match(await page.locator('h1').innerText(), /Details saved/)
        await expectNoAxeViolations(page)

        const sender = createLocalOutboxSender({ dataDir, service: 'example', templates: EXAMPLE_EMAILS, clock })
        await createOutboxWorker({ db: database.db, clock, logger, handlers: { [EMAIL_JOB]: emailJobHandler({ db: database.db, sender, clock }) } }).runOnce()
        await page.goto('/dev/emails')
        assert.equal(await page.getByRole('heading', { name: 'Your details were saved' }).count(), 1)
        assert.equal(await page.getByRole('link', { name: 'https://example.gov.uk/account' }).count(), 1)
        await expectNoAxeViolations(page)

        assert.deepEqual(problems, [], 'no script errors, missing assets or Content-Security-Policy violations')
      },
      { baseURL: server.url },
    )
  })
})
