import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, afterEach, before, describe, it, mock } from 'node:test'
import { sql } from 'kysely'
import { localOutboxFile } from '../../../../../packages/kit/src/email/local-outbox.ts'
import type { TestClient } from '../../testing/test-identity.ts'
import { startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../../testing/test-sign-in.ts'
import { createJourneyStore } from '../journey-store.ts'
import { createEmailCodes } from './codes.ts'

const MINUTE = 60_000

describe('emailed codes', () => {
  let test: SignInTest
  let client: TestClient
  let counter = 0
  before(async () => {
    test = await startSignInTest({ limits: { codesPerEmail: 3, codesPerIp: 1000, wrongCodesPerIp: 8 } })
    client = await test.registerClient({ name: 'Register for an NPQ' })
  })
  afterEach(() => mock.timers.reset())
  after(() => test?.close())

  async function codeSentTo(email: string): Promise<{ journey: JourneyBrowser; code: string }> {
    const journey = await test.start(client)
    await journey.submit({ email })
    assert.equal(journey.page.url.pathname, '/sign-in/email-code')
    return { journey, code: await test.latestCode(email) }
  }

  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')
  const later = (ms: number) => mock.timers.enable({ apis: ['Date'], now: Date.now() + ms })

  it('moves the journey to a new session once the code is accepted, and deletes the session it was in', async () => {
    await test.identity.createUser({ email: 'fresh.session@school.example', trn_lookup_status: 'None' })
    const { journey, code } = await codeSentTo('fresh.session@school.example')
    const sessionsOfJourney = async () => {
      const { rows } = await sql<{ sid: string }>`
        select s.sid from web_sessions s join sign_in_journeys j on j.id::text = s.data->>'signInJourneyId'
        where j.data->'state'->'answers'->>'email' = 'fresh.session@school.example'`.execute(test.identity.database.db)
      return rows.map((row) => row.sid)
    }
    const [before] = await sessionsOfJourney()
    assert.ok(before, 'the journey lives in a session')
    await journey.submit({ code })
    assert.ok(journey.handedBack(), 'signed in and back at the service')
    const after = await sessionsOfJourney()
    assert.equal(after.length, 1)
    assert.notEqual(after[0], before)
  })

  it('signs in a known person with the 6-digit code emailed to them', async () => {
    const user = await test.identity.createUser({ email: 'known.teacher@school.example', trn_lookup_status: 'None' })
    const journey = await test.start(client, { loginHint: 'known.teacher@school.example' })
    assert.match(journey.page.body, /value="known.teacher@school.example"/, 'the service’s login_hint fills in the address')
    await journey.submit({ email: 'nonsense' })
    assert.deepEqual(journey.errorSummary(), ['Enter an email address in the correct format, like name@example.com'])
    await journey.submit({ email: 'Known.Teacher@school.example' })
    assert.equal(journey.heading(), 'Check your email')
    assert.match(textOf(journey.page.body), /We’ve sent a security code to Known\.Teacher@school\.example/)

    const code = await test.latestCode('known.teacher@school.example')
    assert.match(code, /^\d{6}$/)
    const outbox = await readFile(localOutboxFile(test.dataDir), 'utf8')
    assert.match(outbox, /"subject":"Your DfE Identity security code"/)
    assert.match(outbox, new RegExp(`Your security code is:\\\\n\\\\n${code}\\\\n\\\\nEnter it to continue to Register for an NPQ`))

    await journey.submit({ code: '' })
    assert.equal(journey.page.status, 400)
    assert.deepEqual(journey.errorSummary(), ['Enter the security code'])
    await journey.submit({ code: '12a456' })
    assert.deepEqual(journey.errorSummary(), ['The security code must only include numbers'])
    await journey.submit({ code: `${code.slice(0, 3)} ${code.slice(3)}` })
    assert.ok(journey.handedBack(), 'nothing more to ask or tell: straight back to the service')
    const { claims } = await journey.finish()
    assert.equal(claims.sub, user.sub)
  })

  it('shows the completion page instead when there is something to tell: a lookup being checked, a TRN the service needs', async () => {
    await test.identity.createUser({ email: 'being.checked@school.example', trn_lookup_status: 'Pending' })
    const pending = await codeSentTo('being.checked@school.example')
    await pending.journey.submit({ code: pending.code })
    assert.equal(pending.journey.page.url.pathname, '/sign-in/complete')
    assert.match(textOf(pending.journey.page.body), /We could not match you to a teaching record straight away/)
    await pending.journey.submit()
    assert.ok(pending.journey.handedBack(), 'Continue hands them back')

    const needsTrn = await test.registerClient({ name: 'Needs a TRN', trnRequirement: 'required' })
    await test.identity.createUser({ email: 'no.trn.yet@school.example', trn_lookup_status: 'None' })
    const journey = await test.start(needsTrn)
    await journey.submit({ email: 'no.trn.yet@school.example' })
    await journey.submit({ code: await test.latestCode('no.trn.yet@school.example') })
    assert.equal(journey.page.url.pathname, '/sign-in/complete')
    assert.match(textOf(journey.page.body), /You cannot use Needs a TRN yet/)
    assert.ok(!journey.page.body.includes('action="/sign-in/complete"'), 'no way on')
  })

  it('lets the code page’s form lead back to the service, which browsers check on every redirect after a post', async () => {
    const { journey } = await codeSentTo(`form.action.${++counter}@school.example`)
    assert.match(String(journey.page.headers.get('content-security-policy')), /form-action 'self' https:\/\/client\.example\.test(;|$)/)
  })

  it('counts down wrong codes and kills the code after five', async () => {
    const { journey, code } = await codeSentTo(`wrong.${++counter}@school.example`)
    const messages: Array<string | undefined> = []
    for (let attempt = 1; attempt <= 5; attempt++) {
      await journey.submit({ code: wrong(code) })
      assert.equal(journey.page.status, 400)
      messages.push(journey.errorSummary()[0])
    }
    assert.deepEqual(messages.slice(0, 4), [4, 3, 2, 1].map((left) => `The security code is not correct. You can try ${left} more ${left === 1 ? 'time' : 'times'}.`))
    assert.equal(messages[4], 'You have entered the wrong security code too many times. Get a new code.')
    await journey.submit({ code })
    assert.deepEqual(journey.errorSummary(), ['You have entered the wrong security code too many times. Get a new code.'], 'even the right code is dead now')
    assert.match(journey.page.body, /<a href="\/sign-in\/email-code\/resend"[^>]*class="govuk-button govuk-button--secondary"[^>]*>\s*Get a new code/, 'the way to a new code is in plain sight')

    await journey.get('/sign-in/email-code/resend')
    assert.equal(journey.heading(), 'Get a new security code')
    assert.equal(journey.backLink(), '/sign-in/email-code')
    await journey.submit()
    assert.match(textOf(journey.page.body), /We’ve sent a new code to wrong\.\d+@school\.example/)
    const fresh = await test.latestCode(journey.page.body.match(/wrong\.\d+@school\.example/)?.[0] as string)
    assert.notEqual(fresh, code)
    await journey.submit({ code: fresh })
    assert.equal(journey.page.url.pathname, '/sign-in/name', 'a new address goes on to registration')
  })

  it('sends a new code when an expired one is typed soon after, and the page says so', async () => {
    const email = `late.${++counter}@school.example`
    const { journey, code } = await codeSentTo(email)
    later(16 * MINUTE)
    await journey.submit({ code })
    assert.equal(journey.page.status, 400)
    assert.deepEqual(journey.errorSummary(), [`That security code has expired. We’ve sent a new code to ${email}.`])
    const fresh = await test.latestCode(email)
    assert.notEqual(fresh, code)
    await journey.submit({ code: fresh })
    assert.equal(journey.page.url.pathname, '/sign-in/name')
  })

  it('ends the journey after two hours, with a clear page and a way back to the service', async () => {
    const { journey } = await codeSentTo(`slow.${++counter}@school.example`)
    later(2 * 60 * MINUTE + 1000)
    await journey.get('/sign-in/email-code')
    assert.equal(journey.page.status, 400)
    assert.equal(journey.heading(), 'This page has expired')
    assert.match(journey.page.body, /<a class="govuk-link" href="https:\/\/client.example.test">Go back to Register for an NPQ<\/a>/)
  })

  it('accepts a code once only', async () => {
    const db = test.identity.database.db
    const journeys = createJourneyStore({ db, clock: { now: () => new Date() } })
    const codes = createEmailCodes({ db, clock: { now: () => new Date() }, settings: { secret: 'secret', fixedCode: '111111' } })
    const journey = await journeys.create('uid-used-code-test', { client: {} as never, state: { answers: {}, asksForTrn: false, matchPolicy: 'default' } }, new Date(Date.now() + 60 * MINUTE))
    await db.transaction().execute((trx) => codes.send(trx, journey.id, 'once@school.example', 'Test'))
    assert.deepEqual(await codes.check(journey.id, 'ONCE@school.example', '111111'), { outcome: 'accepted' })
    assert.deepEqual(await codes.check(journey.id, 'once@school.example', '111111'), { outcome: 'used' })
    assert.deepEqual(await codes.check(journey.id, 'other@school.example', '111111'), { outcome: 'no_code' })
  })

  it('limits the codes sent to one address, and wrong codes from one client, with the too-many-attempts page', async () => {
    const email = `flooded.${++counter}@school.example`
    const { journey } = await codeSentTo(email)
    await journey.get('/sign-in/email-code/resend')
    await journey.submit()
    await journey.get('/sign-in/email-code/resend')
    await journey.submit()
    assert.equal(journey.page.status, 200)
    await journey.get('/sign-in/email-code/resend')
    await journey.submit()
    assert.equal(journey.page.status, 429)
    assert.equal(journey.heading(), 'Sorry, there have been too many attempts')

    const other = await codeSentTo(`guesser.${++counter}@school.example`)
    let status = 400
    for (let attempt = 0; attempt < 5 && status === 400; attempt++) status = (await other.journey.submit({ code: '000000' })).status
    assert.equal(status, 429, 'the client has used up its eight wrong codes for now (six of them in the earlier test)')
  })
})
