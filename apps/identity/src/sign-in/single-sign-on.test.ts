import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { TestClient } from '../testing/test-identity.ts'
import { FIXED_CODE, startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../testing/test-sign-in.ts'

// A browser signed in already skips the journey. It must not skip what the journey would have stopped: a prohibited
// teacher at a service that blocks them, or someone without the TRN a service requires.
describe('a browser signed in already, at a service with stricter rules', () => {
  let test: SignInTest
  let plain: TestClient
  let blocking: TestClient
  let needsTrn: TestClient
  let recordsDown = false

  before(async () => {
    test = await startSignInTest({
      fixedCode: FIXED_CODE,
      records: (real) => ({ ...real, getRecord: (trn) => (recordsDown ? Promise.resolve(null) : real.getRecord(trn)) }),
    })
    plain = await test.registerClient({ name: 'Plain service' })
    blocking = await test.registerClient({ name: 'Blocking service', blockProhibitedTeachers: true })
    needsTrn = await test.registerClient({ name: 'Needs a TRN', trnRequirement: 'required' })
  })
  after(() => test?.close())

  async function signedInAtPlainService(email: string): Promise<JourneyBrowser> {
    const journey = await test.start(plain)
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    assert.ok(journey.handedBack(), 'signed in at the plain service first')
    return journey
  }

  const goTo = async (journey: JourneyBrowser, client: TestClient) => journey.get((await test.authorizationUrl(client)).href)

  it('stops a prohibited teacher at a service that blocks them, as the journey would have', async () => {
    await test.identity.createUser({ email: 'mark.sso@school.example', trn: '1000004', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const journey = await signedInAtPlainService('mark.sso@school.example')
    await goTo(journey, blocking)
    assert.equal(journey.handedBack(), false, 'no code for the blocking service')
    assert.equal(journey.page.url.pathname, '/sign-in/email', 'through the journey instead')
    await journey.submit({ email: 'mark.sso@school.example' })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(journey.heading(), 'You cannot use this service')
    await journey.submit()
    assert.ok(journey.handedBack())
    assert.equal(journey.page.url.searchParams.get('error'), 'access_denied')
  })

  it('lets someone with no prohibition through at once, having asked the records service', async () => {
    await test.identity.createUser({ email: 'sarah.sso@school.example', trn: '1000001', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const journey = await signedInAtPlainService('sarah.sso@school.example')
    await goTo(journey, blocking)
    assert.ok(journey.handedBack(), 'straight back with a code')
    assert.ok(journey.page.url.searchParams.get('code'))
  })

  it('does not let anyone through unchecked while the records service cannot say', async () => {
    await test.identity.createUser({ email: 'priya.sso@school.example', trn: '1000005', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const journey = await signedInAtPlainService('priya.sso@school.example')
    recordsDown = true
    try {
      await goTo(journey, blocking)
      assert.equal(journey.page.url.pathname, '/sign-in/email')
      await journey.submit({ email: 'priya.sso@school.example' })
      await journey.submit({ code: FIXED_CODE })
      assert.match(textOf(journey.page.body), /We cannot check your teaching record at the moment/)
    } finally {
      recordsDown = false
    }
  })

  it('sends someone without the TRN a service requires through the journey, which says why they cannot go on', async () => {
    await test.identity.createUser({ email: 'no.trn.sso@school.example', trn_lookup_status: 'None' })
    const journey = await signedInAtPlainService('no.trn.sso@school.example')
    await goTo(journey, needsTrn)
    assert.equal(journey.page.url.pathname, '/sign-in/email')
    await journey.submit({ email: 'no.trn.sso@school.example' })
    await journey.submit({ code: FIXED_CODE })
    assert.match(textOf(journey.page.body), /You cannot use Needs a TRN yet/)

    await goTo(journey, plain)
    assert.ok(journey.handedBack(), 'a service that does not need a TRN still signs them in at once')
  })
})
