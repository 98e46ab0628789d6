import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { TestClient } from '../../testing/test-identity.ts'
import { FIXED_CODE, startSignInTest, type JourneyBrowser, type SignInTest } from '../../testing/test-sign-in.ts'

describe('registering with an address that looks like a shared mailbox', () => {
  let test: SignInTest
  let client: TestClient

  before(async () => {
    test = await startSignInTest({ fixedCode: FIXED_CODE })
    client = await test.registerClient({ name: 'Plain service', scopes: ['openid', 'email', 'profile'] })
  })
  after(() => test?.close())

  const path = (journey: JourneyBrowser) => journey.page.url.pathname
  async function codeAccepted(email: string): Promise<JourneyBrowser> {
    const journey = await test.start(client, { scope: 'openid email profile' })
    await journey.submit({ email })
    await journey.submit({ code: FIXED_CODE })
    return journey
  }

  it('asks which address to use, and takes them back to give their own', async () => {
    const journey = await codeAccepted('office@school.example')
    assert.equal(path(journey), '/sign-in/institution-email')
    assert.match(journey.page.body, /office@school\.example looks like an email address that other people can read/)
    await journey.get('/sign-in/name')
    assert.equal(path(journey), '/sign-in/institution-email', 'no way past without an answer')
    await journey.submit({})
    assert.equal(journey.page.status, 400)
    assert.deepEqual(journey.errorSummary(), ['Select which email address you want to use'])
    await journey.submit({ choice: 'change' })
    assert.equal(path(journey), '/sign-in/email')
    await journey.submit({ email: 'sam.jones@home.example' })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/name', 'a personal address goes straight on')
  })

  it('registers the shared address when they choose to keep it', async () => {
    const journey = await codeAccepted('Head.Teacher@school.example')
    await journey.submit({ choice: 'keep' })
    assert.equal(path(journey), '/sign-in/name')
    assert.equal(journey.backLink(), '/sign-in/institution-email')
    await journey.submit({ firstName: 'Sam', lastName: 'Jones' })
    await journey.submit({ preferredName: '' })
    await journey.submit({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1980' })
    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    const user = await test.identity.database.db.selectFrom('users').select('email').where('email', '=', 'Head.Teacher@school.example').executeTakeFirst()
    assert.ok(user, 'the account has the address they chose')
  })

  it('signs in an account that has such an address already, asking nothing', async () => {
    await test.identity.createUser({ email: 'info@nursery.example' })
    assert.ok((await codeAccepted('info@nursery.example')).handedBack())
  })
})
