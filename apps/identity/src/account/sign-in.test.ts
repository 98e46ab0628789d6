import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FIXED_CODE, startSignInTest, textOf, type SignInTest } from '../testing/test-sign-in.ts'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { ACCOUNT_CLIENT_ID, ensureAccountClient } from './account-client.ts'

describe('signing in at /account itself', () => {
  let test: SignInTest
  before(async () => {
    test = await startSignInTest({ fixedCode: FIXED_CODE })
  })
  after(() => test?.close())

  it('signs someone in through the journey and brings them back to their account page', async () => {
    const user = await test.identity.createUser({ email: 'own.account@home.example', trn: '1000004', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const person = await test.open('/account')
    assert.equal(person.heading(), 'You are not signed in')
    assert.match(person.page.body, /href="\/account\/sign-in"/)

    await person.get('/account/sign-in')
    assert.equal(person.page.url.pathname, '/sign-in/email')
    await person.submit({ email: user.email })
    await person.submit({ code: FIXED_CODE })
    assert.equal(person.page.url.pathname, '/account', 'nothing more to ask or tell: straight to the account page')
    assert.equal(person.heading(), 'Your DfE Identity account')
    assert.match(textOf(person.page.body), /1000004/)

    await person.get('/account/sign-in')
    assert.equal(person.page.url.pathname, '/account', 'someone signed in already comes straight back')
  })

  it('refuses to finish a sign-in this browser did not start, so nobody can be signed in to another’s account by a link', async () => {
    const person = await test.open('/account/signed-in?code=stolen&state=not-this-browsers')
    assert.equal(person.page.status, 400)
    assert.equal(person.heading(), 'This sign-in has expired')
    const started = await test.open('/account/sign-in')
    assert.equal(started.page.url.pathname, '/sign-in/email')
    await started.get('/account/signed-in?state=guessed')
    assert.equal(started.page.status, 400, 'a browser that started a sign-in must come back with its own state')
  })

  it('is registered once as a client of this issuer, however often the service starts', async () => {
    const options = { issuer: test.identity.issuer, requireHttps: false }
    await Promise.all([ensureAccountClient(test.identity.database.db, systemClock, options), ensureAccountClient(test.identity.database.db, systemClock, options)])
    const clients = await test.identity.database.db.selectFrom('clients').select(['client_id', 'redirect_uris', 'scopes']).where('client_id', '=', ACCOUNT_CLIENT_ID).execute()
    assert.equal(clients.length, 1)
    assert.deepEqual(clients[0]?.redirect_uris, [`${test.identity.issuer}/account/signed-in`])
    assert.deepEqual(clients[0]?.scopes, ['openid'])
  })
})
