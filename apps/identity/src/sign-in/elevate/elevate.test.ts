import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { UserRow } from '../../database/schema.ts'
import type { TestClient } from '../../testing/test-identity.ts'
import { FIXED_CODE, startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../../testing/test-sign-in.ts'

// A service with the strict match policy is only given a TRN verified to the medium level. Someone whose account's TRN
// was found on name and date of birth alone (low) is asked for their NI number and TRN to verify it.
describe('verifying a TRN for a service with the strict match policy', () => {
  let test: SignInTest
  let strictClient: TestClient
  let defaultClient: TestClient
  let recordsDown = false

  before(async () => {
    test = await startSignInTest({
      fixedCode: FIXED_CODE,
      records: (real) => ({ ...real, match: (details) => (recordsDown ? Promise.resolve({ outcome: 'unavailable', reason: 'test' }) : real.match(details)) }),
    })
    strictClient = await test.registerClient({ name: 'Strict service', trnMatchPolicy: 'strict' })
    defaultClient = await test.registerClient({ name: 'Default service' })
  })
  after(() => test?.close())

  const path = (journey: JourneyBrowser) => journey.page.url.pathname
  const userRow = (sub: string) => test.identity.database.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()
  const lowLevelAccount = (user: Partial<UserRow> & { email: string; trn: string }) =>
    test.identity.createUser({ trn_lookup_status: 'Found', trn_verification_level: 'low', ...user })

  async function signInAs(client: TestClient, email: string): Promise<JourneyBrowser> {
    const journey = await test.start(client)
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    return journey
  }

  it('verifies Sarah Thompson’s TRN with her NI number, and the strict service is then given it', async () => {
    const sarah = await lowLevelAccount({ email: 'sarah.strict@home.example', trn: '1000001' })
    const journey = await signInAs(strictClient, sarah.email)
    assert.equal(path(journey), '/sign-in/elevate/landing')
    assert.equal(journey.heading(), 'We need to check your teaching record')
    await journey.get('/sign-in/elevate/check-answers')
    assert.equal(path(journey), '/sign-in/elevate/landing', 'no skipping ahead')
    await journey.submit()

    assert.equal(path(journey), '/sign-in/elevate/ni-number')
    assert.ok(!journey.page.body.includes('I do not know my National Insurance number'), 'the strict policy needs the number')
    await journey.submit({ nationalInsuranceNumber: '' })
    assert.deepEqual(journey.errorSummary(), ['Enter your National Insurance number'])
    await journey.submit({ notKnown: 'true' })
    assert.equal(journey.page.status, 400, 'not knowing it is no way on')
    await journey.submit({ nationalInsuranceNumber: 'qq 12 34 56 c' })

    assert.equal(path(journey), '/sign-in/elevate/trn')
    assert.equal(journey.backLink(), '/sign-in/elevate/ni-number')
    assert.ok(!journey.page.body.includes('I do not know my TRN'))
    await journey.submit({ trn: '123' })
    assert.deepEqual(journey.errorSummary(), ['Your TRN must be 7 digits'])
    await journey.submit({ trn: '1000001' })

    assert.equal(path(journey), '/sign-in/elevate/check-answers')
    const summary = textOf(journey.page.body)
    assert.match(summary, /National Insurance number QQ123456C/)
    assert.match(summary, /Teacher reference number \(TRN\) 1000001/)
    await journey.submit()

    assert.equal(path(journey), '/sign-in/complete')
    assert.match(textOf(journey.page.body), /We’ve checked your teaching record/)
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn, '1000001')
    assert.equal(claims.trn_lookup_status, 'Found')
    const updated = await userRow(sarah.sub)
    assert.equal(updated.trn_verification_level, 'medium')
    const events = await test.identity.database.db.selectFrom('events').select('client_id').where('user_sub', '=', sarah.sub).where('event_type', '=', 'user_trn_verified').execute()
    assert.deepEqual(events, [{ client_id: strictClient.clientId }])

    assert.ok((await signInAs(strictClient, sarah.email)).handedBack(), 'verified once is verified for good: straight back to the service')
  })

  it('verifies on the names instead when the record has no NI number', async () => {
    const segun = await lowLevelAccount({ email: 'segun.strict@home.example', trn: '1000002', given_name: 'Oluwasegun', middle_name: null, family_name: 'Adeyemi', birthdate: '1979-11-03' })
    const journey = await signInAs(strictClient, segun.email)
    await journey.submit()
    await journey.submit({ nationalInsuranceNumber: 'QQ998877A' })
    await journey.submit({ trn: '1000002' })
    await journey.submit()
    assert.match(textOf(journey.page.body), /We’ve checked your teaching record/)
    assert.equal((await userRow(segun.sub)).trn_verification_level, 'medium')
  })

  it('changes nothing when the NI number does not match, and the strict service is still not given the TRN', async () => {
    const emma = await lowLevelAccount({ email: 'emma.strict@home.example', trn: '1000003', given_name: 'Emma', middle_name: 'Louise', family_name: 'Clarke', birthdate: '1990-02-25' })
    const journey = await signInAs(strictClient, emma.email)
    await journey.submit()
    await journey.submit({ nationalInsuranceNumber: 'QQ654321B' })
    await journey.submit({ trn: '1000003' })
    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    assert.match(textOf(journey.page.body), /We could not check your teaching record/)
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn, undefined)
    assert.equal(claims.trn_lookup_status, 'Pending')
    const unchanged = await userRow(emma.sub)
    assert.deepEqual([unchanged.trn, unchanged.trn_verification_level], ['1000003', 'low'])
  })

  it('asks a browser signed in already through a default service, each time a strict one asks until the TRN is verified', async () => {
    const jake = await lowLevelAccount({ email: 'jake.signed.in@home.example', trn: '1000007', given_name: 'Jake', middle_name: 'William', family_name: 'Robinson', birthdate: '1993-01-08' })
    const journey = await signInAs(defaultClient, jake.email)
    assert.ok(journey.handedBack())

    await journey.get((await test.authorizationUrl(strictClient)).href)
    assert.equal(path(journey), '/sign-in/email')
    await journey.submit({ email: jake.email })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/elevate/landing')
    await journey.submit()
    await journey.submit({ nationalInsuranceNumber: 'QQ000000A' })
    await journey.submit({ trn: '1000007' })
    await journey.submit()
    assert.match(textOf(journey.page.body), /We could not check your teaching record/)
    await journey.submit()
    assert.equal(journey.page.leftProvider, true, 'not verified, and handed back all the same')

    await journey.get((await test.authorizationUrl(strictClient)).href)
    assert.equal(path(journey), '/sign-in/email', 'still not verified: asked again next time')
  })

  it('keeps the person on check answers while the records service is down, and verifies once it is back', async () => {
    const mark = await lowLevelAccount({ email: 'mark.strict@home.example', trn: '1000004', given_name: 'Mark', middle_name: null, family_name: 'Pemberton', birthdate: '1975-06-30' })
    const journey = await signInAs(strictClient, mark.email)
    await journey.submit()
    await journey.submit({ nationalInsuranceNumber: 'QQ112233B' })
    await journey.submit({ trn: '1000004' })
    recordsDown = true
    try {
      await journey.submit()
      assert.equal(journey.page.status, 503)
      assert.equal(path(journey), '/sign-in/elevate/check-answers')
      assert.match(textOf(journey.page.body), /We cannot check your details at the moment/)
      assert.equal((await userRow(mark.sub)).trn_verification_level, 'low')
    } finally {
      recordsDown = false
    }
    await journey.submit()
    assert.match(textOf(journey.page.body), /We’ve checked your teaching record/)
  })

  it('asks nothing of a service with the default policy, nor of an account verified to the medium level', async () => {
    const low = await lowLevelAccount({ email: 'priya.default@home.example', trn: '1000005', given_name: 'Priya', middle_name: null, family_name: 'Sharma', birthdate: '1982-09-18' })
    assert.ok((await signInAs(defaultClient, low.email)).handedBack())
    const medium = await test.identity.createUser({ email: 'jack.medium@home.example', trn: '1000006', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    assert.ok((await signInAs(strictClient, medium.email)).handedBack())
  })
})
