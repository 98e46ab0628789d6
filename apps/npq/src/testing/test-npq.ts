import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { Express, Router } from 'express'
import supertest from 'supertest'
import { fixedClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { EMAIL_JOB, emailJobHandler } from '../../../../packages/kit/src/email/email-outbox.ts'
import { createLocalOutboxSender, readLocalOutbox, type LocalOutboxEmail } from '../../../../packages/kit/src/email/local-outbox.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { serveForBrowser } from '../../../../packages/kit/src/testing/browser.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { createNpqApp } from '../app.ts'
import { NPQ_MIGRATIONS, type NpqSchema, type User } from '../database/schema.ts'
import { NPQ_EMAILS } from '../emails.ts'
import { registrationRouter } from '../registration/routes.ts'
import { seedReferenceData } from '../seed/seed-reference-data.ts'
import type { IdentityClaims, IdentityClient } from '../sign-in/identity-client.ts'

// The NPQ service as a person's browser meets it, for HTTP tests (supertest) and browser tests (serve()): a fresh
// database with the demo reference data, the registration mounted, and signing in through a stand-in for the
// identity service that answers every sign-in with the claims the test chose. (The real OpenID Connect sign-in
// is tested in sign-in/sign-in.test.ts.)

export const TEST_IDENTITY_ISSUER = 'http://identity.test'
export const TEST_BASE_URL = 'http://npq.test'
/** A day when the demo cohorts 2026a (spring, unfunded) and 2026b (autumn) are open for registration. */
export const TEST_TODAY = '2026-06-01T09:00:00Z'

export type TestNpqOptions = {
  clock?: Clock
  /** Load the demo reference data (cohorts, courses, providers, schools, lists); on unless false. */
  seed?: boolean
  /** Replaces the registration router, for tests of other parts. */
  registration?: (dependencies: { database: TestDatabase<NpqSchema>; clock: Clock }) => Router
}

export type TestNpq = {
  app: Express
  database: TestDatabase<NpqSchema>
  clock: Clock
  /** Someone signed in with these claims (a new sub, a verified TRN, `Found`, unless given). */
  signIn(claims?: Partial<IdentityClaims>): Promise<TestSession>
  /**
   * The claims the next sign-in (/sign-in, in any browser) completes with; returns them. The stand-in identity
   * service sends the browser straight back to /auth/callback, so a real browser signs in by visiting /sign-in.
   */
  nextSignIn(claims?: Partial<IdentityClaims>): IdentityClaims
  /** Queued emails, oldest first. */
  emails(): Promise<Array<{ to: string; template: string; personalisation: Record<string, unknown> }>>
  /**
   * Sends the queued emails as the running service does without a Notify key: into the local outbox (a folder of this
   * test's own), which /dev/emails lists. Returns the outbox, newest first.
   */
  deliverEmails(): Promise<LocalOutboxEmail[]>
  /**
   * Serves the app on a free local port, for a browser; stopped by close(). Once served, signing in comes straight back
   * to this address, and signing out lands on its start page (as the identity service would send the person back).
   */
  serve(): Promise<string>
  close(): Promise<void>
}

export type TestSession = {
  user: User
  agent: ReturnType<typeof supertest.agent>
  /** GETs a page without following redirects. */
  get(path: string): Promise<TestPage>
  /** POSTs a form with this session's CSRF token, without following redirects. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<TestPage>
  /** Follows redirects from a GET or a POST's answer, up to a page. */
  follow(page: TestPage): Promise<TestPage>
  /** Answers a registration question (/registration/<step>), expecting to be moved on; returns where to. */
  answer(step: string, fields?: Record<string, string | string[]>): Promise<string>
  csrfToken(): Promise<string>
}

export type TestPage = {
  status: number
  /** The Location of a redirect. */
  location: string | undefined
  html: string
  /** The page's main heading (h1, or the legend or label that is the heading). */
  heading: string
  errorSummary: string[]
  backLink: string | undefined
  /** The values and labels of the radios (or checkboxes) called `name`. */
  options(name: string): Array<{ value: string; label: string; checked: boolean }>
  /** check answers: each row's key, value and Change link. */
  summaryRows(): Array<{ key: string; value: string; change: string | undefined }>
  /** The value of the text input called `name`. */
  inputValue(name: string): string | undefined
  text: string
}

let subCounter = 0

/** Starts the NPQ service over a fresh test database. */
export async function startTestNpq(options: TestNpqOptions = {}): Promise<TestNpq> {
  const database = await createTestDatabase<NpqSchema>(NPQ_MIGRATIONS)
  const outboxDir = mkdtempSync(join(tmpdir(), 'npq-outbox-'))
  try {
    const clock = options.clock ?? fixedClock(TEST_TODAY)
    if (options.seed !== false) await seedReferenceData(database.db as never)
    const claimsByState = new Map<string, IdentityClaims>()
    let servedAt = TEST_BASE_URL
    const queued: IdentityClaims[] = []
    const identity: IdentityClient = {
      async startSignIn() {
        const state = randomBytes(8).toString('hex')
        const claims = queued.shift()
        if (claims) claimsByState.set(state, claims)
        // Where the identity service would send the person back once they had signed in there.
        return { pending: { codeVerifier: 'test-verifier', state, nonce: 'test-nonce' }, url: new URL(`${servedAt}/auth/callback?code=test-code&state=${state}`) }
      },
      async completeSignIn(callbackUrl, pending) {
        const claims = claimsByState.get(pending.state)
        assert.equal(callbackUrl.searchParams.get('state'), pending.state, 'the callback carries the state of the sign-in it finishes')
        assert.ok(claims, 'the test chose who signs in')
        claimsByState.delete(pending.state)
        return { claims, idToken: `test-id-token-${pending.state}` }
      },
      async signOutUrl() {
        return new URL(servedAt === TEST_BASE_URL ? `${TEST_IDENTITY_ISSUER}/logout` : `${servedAt}/`)
      },
      async verifyLogoutToken() {
        // Back-channel logout is tested with the real identity service (sign-in/); nothing here sends one.
        throw new Error('the stand-in identity service sends no logout tokens')
      },
    }
    const logger = createLogger({ name: 'npq-test', level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
    const { app } = createNpqApp({
      database,
      config: {
        environment: 'test',
        baseUrl: TEST_BASE_URL,
        sessionSecrets: ['npq-test-session-secret-0123456789-abcdef'],
        identity: { issuer: TEST_IDENTITY_ISSUER, clientId: 'register-for-an-npq', clientSecret: 'test-client-secret', webhookSecrets: ['npq-test-webhook-secret-0123456789-abcdef'] },
      },
      clock,
      logger,
      identity,
      registration: options.registration
        ? options.registration({ database, clock })
        : registrationRouter({ db: database.db, clock, baseUrl: TEST_BASE_URL, logger }),
      localOutboxDir: outboxDir,
    })
    const sender = createLocalOutboxSender({ dataDir: outboxDir, service: 'npq', templates: NPQ_EMAILS, clock })
    const worker = createOutboxWorker({ db: database.db, clock, logger, handlers: { [EMAIL_JOB]: emailJobHandler({ db: database.db, sender, clock }) } })
    const servers: Array<() => Promise<void>> = []

    const self: TestNpq = {
      app,
      database,
      clock,
      nextSignIn(claims = {}) {
        subCounter++
        const full: IdentityClaims = {
          sub: `test-${subCounter}-${randomBytes(4).toString('hex')}`,
          email: `teacher.${subCounter}@school.example`,
          name: 'Sarah Thompson',
          birthdate: '1986-04-12',
          trn: String(3000000 + subCounter),
          trn_lookup_status: 'Found',
          ...claims,
        }
        queued.push(full)
        return full
      },
      async signIn(claims = {}) {
        const { sub } = self.nextSignIn(claims)
        const agent = supertest.agent(app)
        const started = await agent.get('/sign-in')
        assert.equal(started.status, 303, 'sign-in sends the person to the identity service')
        const callback = new URL(String(started.headers.location))
        const back = await agent.get(`${callback.pathname}${callback.search}`)
        assert.equal(back.status, 303, `the callback signs the person in (${back.status})`)
        const user = await database.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
        return session(agent, user)
      },
      async emails() {
        const rows = await database.db.selectFrom('email_outbox').selectAll().orderBy('job_id').execute()
        return rows.map((row) => ({ to: row.to_address, template: row.template, personalisation: row.personalisation ?? {} }))
      },
      async deliverEmails() {
        while ((await worker.runOnce()).claimed > 0) {
          // Until every queued email is in the outbox.
        }
        return readLocalOutbox(outboxDir)
      },
      async serve() {
        const server = await serveForBrowser(app)
        servers.push(server.stop)
        servedAt = server.url
        return server.url
      },
      async close() {
        for (const stop of servers) await stop()
        await database.drop()
        rmSync(outboxDir, { recursive: true, force: true })
      },
    }
    return self
  } catch (error) {
    await database.drop()
    rmSync(outboxDir, { recursive: true, force: true })
    throw error
  }
}

function session(agent: ReturnType<typeof supertest.agent>, user: User): TestSession {
  let token: string | undefined
  const remember = (page: TestPage) => {
    token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? token
    return page
  }
  const self: TestSession = {
    user,
    agent,
    async get(path) {
      return remember(pageOf(await agent.get(path)))
    },
    async post(path, fields = {}) {
      const csrf = await self.csrfToken()
      return remember(pageOf(await agent.post(path).type('form').send({ ...fields, _csrf: csrf })))
    },
    async follow(page) {
      let current = page
      for (let hops = 0; current.location && hops < 10; hops++) current = await self.get(current.location)
      return current
    },
    async answer(step, fields = {}) {
      const page = await self.post(step.startsWith('/') ? step : `/registration/${step}`, fields)
      assert.equal(page.status, 303, `${step} accepted the answer (${page.status}: ${page.errorSummary.join('; ')})`)
      return page.location ?? ''
    },
    async csrfToken() {
      if (!token) await self.follow(await self.get('/registration'))
      if (!token) await self.get('/registration/check-answers')
      assert.ok(token, 'a page of the service gave this session a CSRF token')
      return token
    },
  }
  return self
}

/** The text of an HTML fragment, as a person reads it. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim()
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  return value?.replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"')
}

export function pageOf(response: supertest.Response): TestPage {
  const html = typeof response.text === 'string' ? response.text : ''
  const location = response.headers.location as string | undefined
  const heading = textOf(
    /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ??
      /<legend[^>]*govuk-fieldset__legend--l[^>]*>([\s\S]*?)<\/legend>/.exec(html)?.[1] ??
      /<label[^>]*govuk-label--l[^>]*>([\s\S]*?)<\/label>/.exec(html)?.[1] ??
      '',
  )
  const summary = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  const backTag = /<a [^>]*class="govuk-back-link"[^>]*>/.exec(html)?.[0]
  return {
    status: response.status,
    location,
    html,
    text: textOf(html),
    heading,
    errorSummary: [...summary.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((match) => textOf(match[1] ?? '')),
    backLink: backTag ? attribute(backTag, 'href') : undefined,
    options(name) {
      const found: Array<{ value: string; label: string; checked: boolean }> = []
      for (const match of html.matchAll(/<input [^>]*>/g)) {
        const tag = match[0]
        if (attribute(tag, 'name') !== name || !/type="(radio|checkbox)"/.test(tag)) continue
        const id = attribute(tag, 'id') ?? ''
        const label = new RegExp(`<label[^>]*for="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</label>`).exec(html)?.[1] ?? ''
        found.push({ value: attribute(tag, 'value') ?? '', label: textOf(label), checked: /\schecked/.test(tag) })
      }
      return found
    },
    summaryRows() {
      const rows: Array<{ key: string; value: string; change: string | undefined }> = []
      for (const match of html.matchAll(/<div class="govuk-summary-list__row[^"]*">([\s\S]*?)<\/div>\s*(?=<div class="govuk-summary-list__row|<\/dl>)/g)) {
        const row = match[1] ?? ''
        const key = textOf(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>/.exec(row)?.[1] ?? '')
        const value = textOf(/<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/.exec(row)?.[1] ?? '')
        const link = /<dd class="govuk-summary-list__actions">[\s\S]*?<a [^>]*href="([^"]+)"/.exec(row)?.[1]
        rows.push({ key, value, change: link?.replace(/&amp;/g, '&') })
      }
      return rows
    },
    inputValue(name) {
      for (const match of html.matchAll(/<input [^>]*>/g)) {
        if (attribute(match[0], 'name') === name) return attribute(match[0], 'value')
      }
      return undefined
    },
  }
}
