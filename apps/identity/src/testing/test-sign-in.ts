import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import * as oidc from 'openid-client'
import { systemClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { EMAIL_JOB, emailJobHandler } from '../../../../packages/kit/src/email/email-outbox.ts'
import { createLocalOutboxSender, readLocalOutbox } from '../../../../packages/kit/src/email/local-outbox.ts'
import { listen } from '../../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { personRow } from '../../../records/src/persons/person-row.ts'
import { startTestService, type TestService } from '../../../records/src/testing/test-service.ts'
import { registerClient, type NewClient } from '../clients/clients.ts'
import { IDENTITY_EMAILS } from '../sign-in/email-code/emails.ts'
import { DEFAULT_CODE_LIMITS, type CodeLimitSettings } from '../sign-in/email-code/limits.ts'
import { createSignInJourney } from '../sign-in/router.ts'
import { createRecordsClient, type RecordsClient } from '../teaching-records/records-client.ts'
import type { Navigation, TestBrowser } from './browser.ts'
import { authorizationRequest } from './flows.ts'
import { startTestIdentity, TEST_COOKIE_KEYS, type TestClient, type TestIdentity } from './test-identity.ts'

export const FIXED_CODE = '424242'

export type SignInTestOptions = {
  /** Every code sent is this one (the IDENTITY_FIXED_EMAIL_CODE setting); otherwise read codes from the local outbox. */
  fixedCode?: string
  limits?: Partial<CodeLimitSettings>
  /** Wraps the records client, to make the records service fail, say. */
  records?: (real: RecordsClient) => RecordsClient
  logLevel?: 'info' | 'silent'
  /** Mounts the /demo relying party, with a client registered for it. */
  demo?: boolean
  /**
   * The journey's time (codes, journeys) and the email outbox's; the system clock unless given. oidc-provider and the
   * sessions read `Date` themselves.
   */
  clock?: Clock
}

export const DEMO_RP = { clientId: 'demo-rp', clientSecret: 'demo-rp-secret-for-tests-only-0123456789' }

export type SignInTest = {
  identity: TestIdentity
  /** The real records service, with the demo personas, on its own port. */
  records: TestService
  dataDir: string
  registerClient(client?: Partial<NewClient>): Promise<TestClient>
  /** A client service sends a new browser to sign in; the browser follows it to the journey's first page. */
  start(client: TestClient, options?: AuthorizationOptions): Promise<JourneyBrowser>
  /** A new browser opening one of the identity service's own pages (following its redirects). */
  open(path: string): Promise<JourneyBrowser>
  /** The authorization request a client service would send a browser to (PKCE, state, nonce), to open elsewhere. */
  authorizationUrl(client: TestClient, options?: AuthorizationOptions): Promise<URL>
  /** Sends the queued emails to the local outbox and reads the newest code sent to `email`. */
  latestCode(email: string): Promise<string>
  close(): Promise<void>
}

export type AuthorizationOptions = { scope?: string; loginHint?: string }

export type JourneyBrowser = {
  browser: TestBrowser
  /** The page the browser is on. */
  page: Navigation
  get(path: string): Promise<Navigation>
  /** Posts the page's form (the first posting one, or the one with `action`) with its CSRF token and `fields`. */
  submit(fields?: Record<string, string>, options?: { action?: string }): Promise<Navigation>
  /** The journey has sent the browser back to the client service (with a code or an error). */
  handedBack(): boolean
  /** After the journey hands back: exchanges the code as the client would and returns the ID token claims and userinfo. */
  finish(): Promise<{ claims: oidc.IDToken; userinfo: oidc.UserInfoResponse }>
  heading(): string
  errorSummary(): string[]
  /** Where the GOV.UK back link goes, if there is one. */
  backLink(): string | undefined
}

/**
 * James Smith, born 5 May 1985, TRN 1000020: a name and date of birth common enough that the matcher never links him on
 * them alone, so only his TRN finds his record. Added to the records service's demo personas.
 */
export async function addJamesSmithRecord(test: SignInTest): Promise<void> {
  await test.records.database.db
    .insertInto('persons')
    .values({ ...personRow({ trn: '1000020', firstName: 'James', middleName: null, lastName: 'Smith', previousNames: [], dateOfBirth: '1985-05-05', nationalInsuranceNumber: null, email: null, sex: null }), status: 'active' })
    .execute()
}

/** The text of an HTML fragment, as a person reads it. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

export function headingOf(html: string): string {
  return textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? /<legend[^>]*govuk-fieldset__legend--l[^>]*>([\s\S]*?)<\/legend>/.exec(html)?.[1] ?? /<label[^>]*govuk-label--l[^>]*>([\s\S]*?)<\/label>/.exec(html)?.[1] ?? '')
}

export function errorSummaryOf(html: string): string[] {
  const summary = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  return [...summary.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((match) => textOf(match[1] ?? ''))
}

function formOf(html: string, action?: string): { action: string; csrf: string } {
  for (const form of html.matchAll(/<form method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const formAction = (form[1] ?? '').replace(/&amp;/g, '&')
    if (action && formAction !== action) continue
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form[2] ?? '')?.[1]
    assert.ok(csrf, 'the form carries a CSRF token')
    return { action: formAction, csrf }
  }
  assert.fail(`no form${action ? ` posting to ${action}` : ''} on the page:\n${textOf(html).slice(0, 500)}`)
}

/**
 * The identity service with the real sign-in journey, the real records service beside it, and the local email outbox
 * in a folder of its own: what a person meets, over HTTP.
 */
export async function startSignInTest(options: SignInTestOptions = {}): Promise<SignInTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-sign-in-'))
  const clock = options.clock ?? systemClock
  const records = await startTestService()
  const recordsServer = await listen(records.app, 0, '127.0.0.1')
  const realRecords = createRecordsClient({ baseUrl: `http://127.0.0.1:${recordsServer.port}`, apiKey: records.key })
  const recordsClient = options.records ? options.records(realRecords) : realRecords
  const logger = createLogger({ name: 'sign-in-test', level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const identity = await startTestIdentity({
    logLevel: options.logLevel,
    localOutboxDir: dataDir,
    ...(options.demo ? { demo: DEMO_RP } : {}),
    records: recordsClient,
    signIn: (database) =>
      createSignInJourney({
        db: database.db,
        clock,
        logger,
        records: recordsClient,
        codes: { secret: TEST_COOKIE_KEYS[0] as string, fixedCode: options.fixedCode },
        limits: { ...DEFAULT_CODE_LIMITS, ...options.limits },
        pool: database.pool,
        limitNamePrefix: `test_${process.pid}_${Date.now()}`,
      }),
  })
  const db = identity.database.db
  if (options.demo) {
    await registerClient(
      db,
      systemClock,
      {
        clientId: DEMO_RP.clientId,
        name: 'Demo service',
        redirectUris: [`${identity.issuer}/demo/callback`],
        postLogoutRedirectUris: [`${identity.issuer}/demo`],
        scopes: ['openid', 'email', 'profile', 'trn'],
        grantTypes: ['authorization_code'],
      },
      { actor: 'test', requireHttps: false, secret: DEMO_RP.clientSecret },
    )
  }
  const sender = createLocalOutboxSender({ dataDir, service: 'identity', templates: IDENTITY_EMAILS, clock })
  const worker = createOutboxWorker({ db, clock, logger, handlers: { [EMAIL_JOB]: emailJobHandler({ db, sender, clock }) } })

  async function authorization(client: TestClient, startOptions: AuthorizationOptions) {
    const rp = await identity.relyingParty(client)
    const { url, codeVerifier, state, nonce } = await authorizationRequest(rp, {
      scope: startOptions.scope ?? 'openid email profile trn',
      ...(startOptions.loginHint ? { parameters: { login_hint: startOptions.loginHint } } : {}),
    })
    return { rp, url, codeVerifier, state, nonce }
  }

  async function start(client: TestClient, startOptions: AuthorizationOptions = {}): Promise<JourneyBrowser> {
    const { rp, url, codeVerifier, state, nonce } = await authorization(client, startOptions)
    const journey = await browse(url, async (page) => {
      assert.equal(page.leftProvider, true, `expected to be back at the client, but at ${page.url.pathname}: ${headingOf(page.body)}`)
      const tokens = await oidc.authorizationCodeGrant(rp, page.url, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true })
      const claims = tokens.claims() as oidc.IDToken
      return { claims, userinfo: await oidc.fetchUserInfo(rp, tokens.access_token, claims.sub) }
    })
    assert.equal(journey.page.url.pathname, '/sign-in/email', `the journey starts at the email page, not ${journey.page.url.pathname} (${journey.page.status})`)
    return journey
  }

  /** A new browser on `url`, posting forms as a person would; `finish` is what a client does once it is handed back. */
  async function browse(url: URL, finish: (page: Navigation) => ReturnType<JourneyBrowser['finish']>): Promise<JourneyBrowser> {
    const browser = identity.browser()
    const journey: JourneyBrowser = {
      browser,
      page: await browser.navigate(url),
      async get(path) {
        journey.page = await browser.navigate(new URL(path, identity.issuer))
        return journey.page
      },
      async submit(fields = {}, submitOptions = {}) {
        const form = formOf(journey.page.body, submitOptions.action)
        journey.page = await browser.navigate(new URL(form.action, journey.page.url), { method: 'POST', form: { _csrf: form.csrf, ...fields } })
        return journey.page
      },
      handedBack: () => journey.page.leftProvider,
      finish: () => finish(journey.page),
      heading: () => headingOf(journey.page.body),
      errorSummary: () => errorSummaryOf(journey.page.body),
      backLink: () => /<a href="([^"]+)" class="govuk-back-link">/.exec(journey.page.body)?.[1],
    }
    return journey
  }

  return {
    identity,
    records,
    dataDir,
    registerClient: (client) => identity.registerClient(client),
    start,
    open: (path) =>
      browse(new URL(path, identity.issuer), async () => {
        throw new Error('a journey opened at one of our own pages hands back to no client')
      }),
    authorizationUrl: async (client, startOptions = {}) => (await authorization(client, startOptions)).url,
    async latestCode(email) {
      while ((await worker.runOnce()).claimed > 0) {
        // Until every queued email is in the outbox file.
      }
      const sent = (await readLocalOutbox(dataDir)).find((message) => message.to.toLowerCase() === email.toLowerCase())
      assert.ok(sent, `an email was sent to ${email}`)
      return String(sent.personalisation.code)
    },
    async close() {
      await identity.close()
      await recordsServer.stop()
      await records.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
