// For the support console's tests: the identity service with its real sign-in journey and the real records service
// (test-sign-in.ts), and the console mounted at /admin in a web app of its own over the same database, session table,
// session cookie and keys, as app.ts will mount it among the service's pages. A browser signed in as a teacher through
// the journey carries the same session cookie to the console (cookies ignore ports).
import assert from 'node:assert/strict'
import type { Router } from 'express'
import { fileURLToPath } from 'node:url'
import { Writable } from 'node:stream'
import { systemClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { listen, type RunningServer } from '../../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createWebApp } from '../../../../packages/kit/src/web/app.ts'
import { personRow } from '../../../records/src/persons/person-row.ts'
import { SERVICE_NAME, SESSION_COOKIE } from '../app.ts'
import type { UserRow } from '../database/schema.ts'
import type { NewUser } from '../users/users.ts'
import { raiseSupportTicket, type SupportTicket } from '../support-tickets/support-tickets.ts'
import { ticketFromPendingLookup, type CandidateDetails, type PendingLookupAnswers } from '../support-tickets/ticket-content.ts'
import { addIdentityFilters } from '../template-filters.ts'
import { createBrowser, type Navigation, type TestBrowser } from '../testing/browser.ts'
import { TEST_COOKIE_KEYS, type TestClient } from '../testing/test-identity.ts'
import { errorSummaryOf, FIXED_CODE, headingOf, startSignInTest, textOf, type SignInTest } from '../testing/test-sign-in.ts'
import { DEFAULT_CODE_LIMITS, type CodeLimitSettings } from '../sign-in/email-code/limits.ts'
import type { StaffRole } from './schema.ts'
import { ADMIN_PATH, adminRouter } from './router.ts'
import { createAdminRecords, type AdminRecords } from './shared/records.ts'
import { addStaff, type StaffUser } from './staff/staff-users.ts'

export { FIXED_CODE, textOf }

const IDENTITY_SOURCE = fileURLToPath(new URL('..', import.meta.url))

export type AdminTestOptions = {
  /** Every code emailed is this one; `null` for real random codes (read them with `latestCodeFor`). */
  fixedCode?: string | null
  limits?: Partial<CodeLimitSettings>
  clock?: Clock
}

/** A person's browser on the console: keeps cookies, follows the console's own redirects. */
export type ConsoleBrowser = {
  browser: TestBrowser
  page: Navigation
  get(path: string): Promise<Navigation>
  /**
   * Posts the page's form (the first posting one, or the one with `action`) as filled in, with `fields` typed over it;
   * a list is several values of one name (checkboxes).
   */
  submit(fields?: Fields, options?: { action?: string }): Promise<Navigation>
  /** Posts to any path with the CSRF token of the current page's first form. */
  post(path: string, fields?: Record<string, string>): Promise<Navigation>
  heading(): string
  errorSummary(): string[]
  text(): string
  path(): string
}

export type AdminTest = {
  /** The identity service with its sign-in journey, and the records service. */
  signIn: SignInTest
  consoleUrl: string
  /** The console's router, as mounted: its route list is what the authorisation test goes through. */
  router: Router
  db: SignInTest['identity']['database']['db']
  clock: Clock
  staff: Record<'admin' | 'support', StaffUser>
  addStaff(roles: StaffRole[], name?: string): Promise<StaffUser>
  /** A browser with no session at all. */
  browser(): ConsoleBrowser
  /** A browser signed in to the console as this member of staff, through the sign-in pages. */
  signedIn(staff: StaffUser): Promise<ConsoleBrowser>
  /** A browser signed in as a teacher through the identity's own sign-in journey (email and code), then at the console. */
  teacher(): Promise<ConsoleBrowser>
  /** An account waiting in the support queue: a Pending lookup with its ticket, as the journey raises them. */
  pendingUser(options?: { user?: Partial<NewUser>; answers?: Partial<PendingLookupAnswers>; candidates?: CandidateDetails[]; clientId?: string }): Promise<{ user: UserRow; ticket: SupportTicket }>
  createUser(user?: Partial<NewUser>): Promise<UserRow>
  /** A new active teaching record with a TRN of its own (from 1500000 up); returns its TRN. */
  addRecord(details: { firstName: string; middleName?: string | null; lastName: string; dateOfBirth: string; nationalInsuranceNumber?: string | null; qtsDate?: string | null }): Promise<string>
  /** Makes the records service unreachable for the console (true) or reachable again. */
  recordsDown(down: boolean): void
  /** The code in the newest email queued to this address (codes are never stored, only their hashes). */
  latestCodeFor(email: string): Promise<string | undefined>
  emailsTo(email: string): Promise<Array<{ template: string; personalisation: Record<string, unknown> }>>
  close(): Promise<void>
}

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]

/** The form's action, CSRF token and the values its fields hold, as a browser would send them untouched. */
type Fields = Record<string, string | string[]>

function formOf(html: string, action?: string): { action: string; csrf: string; fields: Fields } {
  for (const form of html.matchAll(/<form method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const formAction = unescape(form[1] ?? '')
    if (action && formAction !== action) continue
    const inner = form[2] ?? ''
    const csrf = /name="_csrf" value="([^"]+)"/.exec(inner)?.[1]
    assert.ok(csrf, 'the form carries a CSRF token')
    const fields: Fields = {}
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(tag, 'name')
      const type = attribute(tag, 'type') ?? 'text'
      if (!name || name === '_csrf' || type === 'submit') continue
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue
      const value = unescape(attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''))
      // Several checkboxes of one name are sent as several values.
      const existing = fields[name]
      fields[name] = type === 'checkbox' && existing !== undefined ? [existing, value].flat() : value
    }
    for (const textarea of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(textarea[1] ?? '', 'name')
      if (name) fields[name] = unescape((textarea[2] ?? '').replace(/^\n/, ''))
    }
    return { action: formAction, csrf, fields }
  }
  assert.fail(`no form${action ? ` posting to ${action}` : ''} on the page:\n${textOf(html).slice(0, 800)}`)
}

function consoleBrowser(browser: TestBrowser, base: string): ConsoleBrowser {
  const view: ConsoleBrowser = {
    browser,
    page: { url: new URL(base), leftProvider: false, status: 0, headers: new Headers(), body: '', visited: [] },
    async get(path) {
      view.page = await browser.navigate(new URL(path, base))
      return view.page
    },
    async submit(fields = {}, options = {}) {
      const form = formOf(view.page.body, options.action)
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries({ ...form.fields, _csrf: form.csrf, ...fields })) for (const one of [value].flat()) body.append(name, one)
      // The test browser builds its body with `new URLSearchParams(form)`, which keeps repeated names given as one.
      view.page = await browser.navigate(new URL(form.action, view.page.url), { method: 'POST', form: body as unknown as Record<string, string> })
      return view.page
    },
    async post(path, fields = {}) {
      const csrf = /name="_csrf" value="([^"]+)"/.exec(view.page.body)?.[1] ?? ''
      view.page = await browser.navigate(new URL(path, base), { method: 'POST', form: { _csrf: csrf, ...fields } })
      return view.page
    },
    heading: () => headingOf(view.page.body),
    errorSummary: () => errorSummaryOf(view.page.body),
    text: () => textOf(/<main[\s\S]*<\/main>/.exec(view.page.body)?.[0] ?? view.page.body),
    path: () => view.page.url.pathname,
  }
  return view
}

let staffCounter = 0
let userCounter = 0
let recordCounter = 0

/** Every route the router has, as `METHOD /path` (relative to /admin); a mounted sub-router would be listed as `USE`. */
export function routesOf(router: Router): string[] {
  const stack = (router as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> }).stack
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`) : ['USE (middleware or sub-router)']))
}

export async function startAdminTest(options: AdminTestOptions = {}): Promise<AdminTest> {
  const clock = options.clock ?? systemClock
  const signIn = await startSignInTest({ fixedCode: FIXED_CODE })
  const { database } = signIn.identity
  const db = database.db
  const recordsServer = await listen(signIn.records.app, 0, '127.0.0.1')
  const realRecords = createAdminRecords({ baseUrl: `http://127.0.0.1:${recordsServer.port}`, apiKey: signIn.records.key })
  let down = false
  const records: AdminRecords = { lookUp: (trn) => (down ? Promise.resolve({ kind: 'unavailable' }) : realRecords.lookUp(trn)) }
  const logger = createLogger({ name: 'admin-test', level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })

  const router = adminRouter({
    db,
    clock,
    logger,
    records,
    codes: { secret: TEST_COOKIE_KEYS[0] as string, fixedCode: options.fixedCode === null ? undefined : (options.fixedCode ?? FIXED_CODE) },
    limits: { ...DEFAULT_CODE_LIMITS, ...options.limits },
    pool: database.pool,
    limitNamePrefix: `admin_test_${process.pid}_${Date.now()}_${++staffCounter}`,
    environment: 'test',
  })
  const web = createWebApp({
    serviceName: SERVICE_NAME,
    templateFolders: [IDENTITY_SOURCE],
    environment: 'test',
    logger,
    clock,
    db,
    sessionSecrets: TEST_COOKIE_KEYS,
    sessionCookieName: SESSION_COOKIE,
    sessionIdleTimeoutMinutes: 180,
    pages(app) {
      app.use(ADMIN_PATH, router)
    },
  })
  addIdentityFilters(web.templates)
  const consoleServer: RunningServer = await listen(web.app, 0, '127.0.0.1')
  const consoleUrl = `http://127.0.0.1:${consoleServer.port}`

  const newStaff = (roles: StaffRole[], name?: string) => {
    staffCounter++
    return addStaff(db, clock, { email: `staff${staffCounter}.${process.pid}@education.gov.uk`, name: name ?? `Staff Member ${staffCounter}`, roles }, { by: 'test' })
  }
  const staff = { admin: await newStaff(['admin'], 'Ada Admin'), support: await newStaff(['support'], 'Sam Support') }
  let npq: TestClient | undefined

  const latestCodeFor = async (email: string) => {
    const row = await db.selectFrom('email_outbox').select('personalisation').where('to_address', '=', email).where('template', '=', 'sign-in-code').orderBy('job_id', 'desc').executeTakeFirst()
    const code = (row?.personalisation as Record<string, unknown> | undefined)?.code
    return code === undefined ? undefined : String(code)
  }

  const test: AdminTest = {
    signIn,
    consoleUrl,
    router,
    db,
    clock,
    staff,
    addStaff: newStaff,
    browser: () => consoleBrowser(createBrowser([consoleUrl]), consoleUrl),
    async signedIn(member) {
      const person = test.browser()
      await person.get('/admin/sign-in')
      await person.submit({ email: member.email })
      assert.equal(person.path(), '/admin/sign-in/code')
      const code = options.fixedCode === null ? await latestCodeFor(member.email) : (options.fixedCode ?? FIXED_CODE)
      await person.submit({ code: code ?? '' })
      assert.equal(person.path(), '/admin', `${member.email} is signed in: ${person.heading()} ${person.errorSummary().join(', ')}`)
      return person
    },
    async teacher() {
      userCounter++
      const email = `teacher${userCounter}.${process.pid}@school.example`
      // Looked up before (nothing found), so the journey signs them in straight after the code.
      await signIn.identity.createUser({ email, trn_lookup_status: 'None' })
      npq ??= await signIn.registerClient({ name: 'Register for an NPQ' })
      const journey = await signIn.start(npq)
      await journey.submit({ email })
      await journey.submit({ code: FIXED_CODE })
      assert.ok(journey.handedBack(), 'the teacher is signed in and handed back to the service')
      return consoleBrowser(journey.browser, consoleUrl)
    },
    async createUser(user = {}) {
      userCounter++
      return signIn.identity.createUser({ email: `person${userCounter}.${process.pid}@school.example`, ...user })
    },
    async pendingUser(pendingOptions = {}) {
      const user = await test.createUser({ trn: null, trn_lookup_status: 'Pending', trn_verification_level: null, ...pendingOptions.user })
      const answers: PendingLookupAnswers = {
        firstName: user.given_name ?? undefined,
        middleName: user.middle_name,
        lastName: user.family_name ?? undefined,
        dateOfBirth: user.birthdate ?? undefined,
        hasNationalInsuranceNumber: false,
        hasTrn: false,
        hasQts: true,
        ittProvider: 'University of Leeds',
        ...pendingOptions.answers,
      }
      const candidates = pendingOptions.candidates
      const content = ticketFromPendingLookup(
        answers,
        { status: 'Pending', matcher: candidates ? 'possible' : 'none', ...(candidates ? { candidates } : {}) },
        { clientId: pendingOptions.clientId ?? 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: false },
        { sub: user.sub, email: user.email },
      )
      assert.ok(content, 'the lookup raises a ticket')
      const { ticket } = await db.transaction().execute((trx) => raiseSupportTicket(trx, { content, destination: 'support_queue' }, clock))
      return { user, ticket }
    },
    async addRecord(details) {
      const trn = String(1500000 + ++recordCounter)
      await signIn.records.database.db
        .insertInto('persons')
        .values({
          ...personRow({
            trn,
            firstName: details.firstName,
            middleName: details.middleName ?? null,
            lastName: details.lastName,
            previousNames: [],
            dateOfBirth: details.dateOfBirth,
            nationalInsuranceNumber: details.nationalInsuranceNumber ?? null,
            email: null,
            sex: null,
            qtsDate: details.qtsDate ?? null,
          }),
          status: 'active',
        })
        .execute()
      return trn
    },
    recordsDown(value) {
      down = value
    },
    latestCodeFor,
    async emailsTo(email) {
      const rows = await db.selectFrom('email_outbox').select(['template', 'personalisation']).where('to_address', '=', email).orderBy('job_id').execute()
      return rows.map((row) => ({ template: row.template, personalisation: (row.personalisation ?? {}) as Record<string, unknown> }))
    },
    async close() {
      await consoleServer.stop()
      await recordsServer.stop()
      await signIn.close()
    },
  }
  return test
}
