import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { after, before, beforeEach, describe, it } from 'node:test'
import supertest from 'supertest'
import { fixedClock } from '../clock.ts'
import { createLocalOutboxSender } from '../email/local-outbox.ts'
import { createLogger } from '../logger.ts'
import { KIT_MIGRATIONS, type KitTables } from '../migrations.ts'
import { createTestDatabase, type TestDatabase } from '../testing/database.ts'
import { createExampleApp } from './example/app.ts'

const csrfTokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]
const h1Of = (html: string) => /<h1 class="govuk-heading-l">([^<]*)<\/h1>/.exec(html)?.[1]

describe('pages built with createWebApp', () => {
  let database: TestDatabase<KitTables>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const logLines: string[] = []
  const logger = createLogger({
    name: 'example',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString())
        done()
      },
    }),
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'web-app-'))
  let app: ReturnType<typeof createExampleApp>['app']

  before(async () => {
    database = await createTestDatabase<KitTables>([KIT_MIGRATIONS])
    app = createExampleApp({ db: database.db, clock, logger, dataDir, sessionIdleTimeoutMinutes: 30 }).app
  })
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_jobs').execute()
  })
  after(async () => {
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const queuedEmails = () => database.db.selectFrom('email_outbox').select(['to_address', 'template']).execute()

  it('renders pages in the GOV.UK template: skip link, header with the service name, phase banner, footer', async () => {
    const page = await supertest(app).get('/your-details').expect(200)
    assert.equal(titleOf(page.text), 'Your details – Example service – GOV.UK')
    assert.match(page.text, /<a href="#main-content" class="govuk-skip-link"/)
    assert.match(page.text, /class="govuk-service-navigation__link">\s*Example service\s*<\/a>/)
    assert.match(page.text, /govuk-phase-banner__content__tag">\s*Beta/)
    assert.match(page.text, /href="https:\/\/example.gov.uk\/feedback">give your feedback<\/a>/)
    assert.match(page.text, /<footer class="govuk-template__footer"[\s\S]*Accessibility statement/)
    assert.match(page.text, /<main class="govuk-main-wrapper" id="main-content">/)
    assert.equal(page.headers['cache-control'], 'no-store')
  })

  it('allows no inline script but the one carrying the response’s own nonce, and starts GOV.UK Frontend from a file', async () => {
    const first = await supertest(app).get('/your-details').expect(200)
    const second = await supertest(app).get('/your-details').expect(200)
    const policy = String(first.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
    assert.ok(nonce)
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/)
    assert.match(policy, /default-src 'self'/)
    assert.match(policy, /frame-ancestors 'none'/)
    assert.notEqual(nonce, /'nonce-([^']+)'/.exec(String(second.headers['content-security-policy']))?.[1])
    const inlineScripts = [...first.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)]
    assert.equal(inlineScripts.length, 1)
    assert.equal(inlineScripts[0]?.[1]?.trim(), `nonce="${nonce}"`)
    assert.match(first.text, /<script type="module" src="\/assets\/init.js"><\/script>/)
  })

  it("serves GOV.UK Frontend's precompiled CSS and JS, fonts and images under /assets, and nothing else of the package", async () => {
    const css = await supertest(app).get('/assets/govuk-frontend.min.css').expect(200)
    assert.match(String(css.headers['content-type']), /text\/css/)
    assert.match(css.text, /url\(\/assets\/fonts\/bold-b542beb274-v2.woff2\)/)
    const js = await supertest(app).get('/assets/govuk-frontend.min.js').expect(200)
    assert.match(String(js.headers['content-type']), /javascript/)
    const init = await supertest(app).get('/assets/init.js').expect(200)
    assert.match(init.text, /import \{ initAll \} from '\.\/govuk-frontend\.min\.js'/)
    await supertest(app).get('/assets/fonts/bold-b542beb274-v2.woff2').expect(200)
    await supertest(app).get('/assets/images/favicon.svg').expect(200)
    await supertest(app).get('/assets/manifest.json').expect(200)
    await supertest(app).get('/assets/index.scss').expect(404)
  })

  it('shows the form again with the error summary, field errors and what was typed, answering 400', async () => {
    const agent = supertest.agent(app)
    const form = await agent.get('/your-details').expect(200)
    const invalid = await agent.post('/your-details').type('form').send({ _csrf: csrfTokenIn(form.text), fullName: ' ', email: 'ada.example.com' }).expect(400)
    assert.equal(titleOf(invalid.text), 'Error: Your details – Example service – GOV.UK')
    assert.match(invalid.text, /<h2 class="govuk-error-summary__title">\s*There is a problem/)
    assert.match(invalid.text, /<a href="#fullName">Enter your full name<\/a>/)
    assert.match(invalid.text, /<a href="#email">Enter an email address in the correct format, like name@example.com<\/a>/)
    assert.match(invalid.text, /<p id="fullName-error" class="govuk-error-message">/)
    assert.match(invalid.text, /id="email" name="email" type="email"[^>]* value="ada.example.com"/)
    assert.deepEqual(await queuedEmails(), [])
  })

  it('accepts a valid form, queues its email in the same transaction, and keeps the answer in the session', async () => {
    const agent = supertest.agent(app)
    const form = await agent.get('/your-details').expect(200)
    await agent.post('/your-details').type('form').send({ _csrf: csrfTokenIn(form.text), fullName: 'Ada Lovelace', email: 'ada@example.com' }).expect(303).expect('Location', '/done')
    const done = await agent.get('/done').expect(200)
    assert.match(done.text, /Thank you, Ada Lovelace/)
    assert.deepEqual(await queuedEmails(), [{ to_address: 'ada@example.com', template: 'details-saved' }])
  })

  it('refuses a form posted without the CSRF token from its session, with a GOV.UK page and no change made', async () => {
    const noSession = await supertest(app).post('/your-details').type('form').send({ fullName: 'Mallory', email: 'm@example.com' }).expect(403)
    assert.equal(h1Of(noSession.text), 'Your session has expired')
    assert.match(noSession.text, /Start again/)

    const agent = supertest.agent(app)
    await agent.get('/your-details').expect(200)
    const forged = await agent.post('/your-details').type('form').send({ _csrf: 'a'.repeat(64), fullName: 'Mallory', email: 'm@example.com' }).expect(403)
    assert.equal(h1Of(forged.text), 'Sorry, we could not accept that form')
    const missing = await agent.post('/your-details').type('form').send({ fullName: 'Mallory', email: 'm@example.com' }).expect(403)
    assert.equal(h1Of(missing.text), 'Sorry, we could not accept that form')
    assert.doesNotMatch(forged.text + missing.text + noSession.text, /ForbiddenError|EBADCSRFTOKEN|at .*\.js/)
    assert.deepEqual(await queuedEmails(), [])
  })

  it('shows "your session has expired" when a form is sent after the idle timeout', async () => {
    const agent = supertest.agent(app)
    const form = await agent.get('/your-details').expect(200)
    clock.advance(31 * 60_000)
    const late = await agent.post('/your-details').type('form').send({ _csrf: csrfTokenIn(form.text), fullName: 'Ada', email: 'ada@example.com' }).expect(403)
    assert.equal(h1Of(late.text), 'Your session has expired')
    assert.match(late.text, /you had not done anything for 30 minutes/)
  })

  it('sets the session cookie httpOnly and SameSite=Lax, only once a page needs a session', async () => {
    const reading = await supertest(app).get('/private').expect(403)
    assert.equal(reading.headers['set-cookie'], undefined)
    const form = await supertest(app).get('/your-details').expect(200)
    const cookie = String(form.headers['set-cookie'])
    assert.match(cookie, /^example_session=/)
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    // Over plain http outside production (localhost), the browser could not send a Secure cookie back.
    assert.doesNotMatch(cookie, /Secure/)
    assert.doesNotMatch(cookie, /Expires|Max-Age/)
  })

  it('marks the cookie Secure in production when a trusted proxy says the request came over HTTPS, and sets none over plain http', async () => {
    const production = createExampleApp({ db: database.db, clock, logger, environment: 'production' }).app
    const overHttps = await supertest(production).get('/your-details').set('X-Forwarded-Proto', 'https').expect(200)
    assert.match(String(overHttps.headers['set-cookie']), /; Secure/)
    assert.match(String(overHttps.headers['strict-transport-security']), /max-age=31536000/)
    const overHttp = await supertest(production).get('/your-details').expect(200)
    assert.equal(overHttp.headers['set-cookie'], undefined)
  })

  it('shows GOV.UK pages for a page not found (404) and a page the person may not see (403)', async () => {
    const missing = await supertest(app).get('/no-such-page').expect(404)
    assert.equal(h1Of(missing.text), 'Page not found')
    assert.match(missing.text, /If you typed the web address, check it is correct/)
    const forbidden = await supertest(app).get('/private').expect(403)
    assert.equal(h1Of(forbidden.text), 'You do not have permission to see this page')
  })

  it('says when to try again after too many attempts (429 with Retry-After)', async () => {
    await supertest(app).get('/limited').expect(200)
    await supertest(app).get('/limited').expect(200)
    const limited = await supertest(app).get('/limited').expect(429)
    const retryAfter = Number(limited.headers['retry-after'])
    assert.ok(retryAfter > 240 && retryAfter <= 300, `Retry-After: ${retryAfter}`)
    assert.equal(h1Of(limited.text), 'Sorry, there have been too many attempts')
    assert.match(limited.text, /You can try again in 5 minutes\./)
  })

  it('answers an unexpected failure with "Sorry, there is a problem with the service" and logs it, showing no details', async () => {
    const broken = await supertest(app).get('/broken').expect(500)
    assert.equal(h1Of(broken.text), 'Sorry, there is a problem with the service')
    assert.doesNotMatch(broken.text, /hunter2|Error:|at /)
    assert.ok(logLines.some((line) => line.includes('"msg":"unhandled error"')))
  })

  it('answers a form body too large to read with a GOV.UK page, not a stack trace', async () => {
    const huge = await supertest(app).post('/your-details').type('form').send({ fullName: 'x'.repeat(200_000) }).expect(413)
    assert.equal(h1Of(huge.text), 'Sorry, we could not understand that request')
  })

  it('lists the local outbox, newest first, on /dev/emails outside production only', async () => {
    const sender = createLocalOutboxSender({
      dataDir,
      service: 'example',
      clock,
      templates: { note: { subject: 'Note ((n))', body: 'Number ((n)) <b>not bold</b>' } },
    })
    await sender.send({ id: 1, to: 'first@example.com', template: 'note', personalisation: { n: 1 }, reference: null })
    await sender.send({ id: 2, to: 'second@example.com', template: 'note', personalisation: { n: 2 }, reference: null })
    const page = await supertest(app).get('/dev/emails').expect(200)
    assert.ok(page.text.indexOf('Note 2') < page.text.indexOf('Note 1'))
    assert.match(page.text, /second@example.com/)
    assert.match(page.text, /&lt;b&gt;not bold&lt;\/b&gt;/)
    const production = createExampleApp({ db: database.db, clock, logger, environment: 'production', dataDir }).app
    await supertest(production).get('/dev/emails').set('X-Forwarded-Proto', 'https').expect(404)
  })
})
