import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createBrowser } from '../../../identity/src/testing/browser.ts'
import { headingOf } from '../../../identity/src/testing/test-sign-in.ts'
import { startNpqWithIdentity, type NpqWithIdentity } from './with-identity.testing.ts'

// People signing in to the NPQ service through the identity service: real OpenID Connect over HTTP (authorization
// code with PKCE, state and nonce, ID token and userinfo), with the provider's stand-in sign-in page choosing who.

describe('signing in to Register for an NPQ with the identity service', () => {
  let services: NpqWithIdentity
  before(async () => {
    services = await startNpqWithIdentity()
  })
  after(async () => {
    await services?.close()
  })

  const npq = (path: string) => new URL(path, services.npq.url)

  let trns = 2000000
  async function teacher(details: Parameters<NpqWithIdentity['identity']['createUser']>[0] = {}) {
    trns++
    return services.identity.createUser({ trn: String(trns), trn_lookup_status: 'Found', trn_verification_level: 'low', ...details })
  }

  it('sends a new person to the identity service and back, signed in, to the page they asked for', async () => {
    const person = await teacher()
    services.identity.signInAs(person.sub)
    const browser = services.browser()
    const account = await browser.navigate(npq('/account'))
    assert.equal(account.url.pathname, '/account')
    assert.ok(account.visited.some((url) => url.origin === services.identity.issuer && url.pathname === '/connect/authorize'), 'went through the authorization endpoint')
    assert.equal(headingOf(account.body), 'Your registrations')
    assert.match(account.body, /Sarah Jane Thompson/)
    assert.match(account.body, new RegExp(`Your teacher reference number \\(TRN\\) is ${person.trn}`))

    const stored = await services.npq.database.db.selectFrom('users').selectAll().where('sub', '=', person.sub).executeTakeFirstOrThrow()
    assert.equal(stored.email, person.email)
    assert.equal(stored.trn, person.trn)
    assert.equal(stored.trn_lookup_status, 'Found')
    assert.equal(stored.trn_verified, true)
    assert.equal(stored.date_of_birth, '1986-04-12')
  })

  it('recognises the same person coming back in another browser, with the details the identity service now has', async () => {
    const person = await teacher()
    services.identity.signInAs(person.sub)
    await services.browser().navigate(npq('/sign-in?returnTo=%2Faccount'))
    const first = await services.npq.database.db.selectFrom('users').select(['id']).where('sub', '=', person.sub).executeTakeFirstOrThrow()

    await services.identity.database.db.updateTable('users').set({ family_name: 'Clarke' }).where('sub', '=', person.sub).execute()
    services.identity.signInAs(person.sub)
    const again = await services.browser().navigate(npq('/sign-in?returnTo=%2Faccount'))
    assert.match(again.body, /Sarah Jane Clarke/)
    const rows = await services.npq.database.db.selectFrom('users').select(['id', 'full_name']).where('sub', '=', person.sub).execute()
    assert.deepEqual(rows, [{ id: first.id, full_name: 'Sarah Jane Clarke' }], 'one account, updated')
  })

  it('does not treat a TRN the identity service has not found as verified', async () => {
    const person = await teacher({ trn: null, trn_lookup_status: 'Pending', trn_verification_level: null })
    services.identity.signInAs(person.sub)
    const account = await services.browser().navigate(npq('/sign-in?returnTo=%2Faccount'))
    assert.match(account.body, /We are checking your details/)
    const stored = await services.npq.database.db.selectFrom('users').selectAll().where('sub', '=', person.sub).executeTakeFirstOrThrow()
    assert.equal(stored.trn_lookup_status, 'Pending')
    assert.equal(stored.trn_verified, false)
  })

  it('explains, and offers to try again, when the person does not finish signing in', async () => {
    services.identity.signInAs(undefined)
    const page = await services.browser().navigate(npq('/sign-in'))
    assert.equal(page.status, 403)
    assert.equal(headingOf(page.body), 'You have not signed in')
    assert.match(page.body, /href="\/sign-in"/)
  })

  it('ignores a callback it did not start, and a forged state, without signing anyone in', async () => {
    const browser = services.browser()
    const stray = await browser.navigate(npq('/auth/callback?code=made-up&state=made-up'))
    assert.equal(stray.url.pathname, '/', 'a callback with no sign-in in progress goes to the start page')

    const person = await teacher()
    services.identity.signInAs(person.sub)
    // A browser that stops when the identity service sends it back, so the test can tamper with the answer.
    const stopsAtCallback = createBrowser([services.identity.issuer])
    const answered = await stopsAtCallback.navigate(npq('/sign-in?returnTo=%2Faccount'))
    assert.equal(answered.url.pathname, '/auth/callback')
    const forged = new URL(answered.url)
    forged.searchParams.set('state', 'forged-state')
    const refused = await stopsAtCallback.navigate(forged)
    assert.equal(refused.status, 502)
    assert.equal(headingOf(refused.body), 'Sorry, we could not sign you in')
    const account = await stopsAtCallback.navigate(npq('/account'))
    assert.equal(account.url.pathname, '/sign-in', 'still not signed in')
    assert.equal(await services.npq.database.db.selectFrom('users').select('id').where('sub', '=', person.sub).executeTakeFirst(), undefined)
  })

  it('only returns people to pages of this service', async () => {
    const person = await teacher()
    for (const returnTo of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      services.identity.signInAs(person.sub)
      const page = await services.browser().navigate(npq(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`))
      assert.equal(page.url.origin, services.npq.url, `${returnTo} is not followed`)
      assert.notEqual(page.url.hostname, 'evil.example')
    }
  })

  it('signs out of both services: the identity service is asked to end its session too', async () => {
    const person = await teacher()
    services.identity.signInAs(person.sub)
    const browser = services.browser()
    await browser.navigate(npq('/sign-in?returnTo=%2Faccount'))
    const signOut = await browser.navigate(npq('/sign-out'))
    const endSession = signOut.visited.find((url) => url.origin === services.identity.issuer)
    assert.ok(endSession, 'went to the identity service')
    assert.equal(endSession.pathname, '/connect/signout')
    assert.ok(endSession.searchParams.get('id_token_hint'), 'with the ID token as a hint')
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${services.npq.url}/`)
    const account = await browser.navigate(npq('/account'))
    assert.ok(account.visited.some((url) => url.pathname === '/sign-in'), 'the NPQ session has ended')
  })

  it('ends the NPQ session when the person signs out of the identity service elsewhere (back-channel logout)', async () => {
    const person = await teacher()
    services.identity.signInAs(person.sub)
    const browser = services.browser()
    await browser.navigate(npq('/sign-in?returnTo=%2Faccount'))
    assert.equal((await browser.navigate(npq('/account'))).url.pathname, '/account')

    // Signing out at the identity service itself (its own sign-out page), not through the NPQ service.
    const confirmation = await browser.navigate(new URL('/connect/signout', services.identity.issuer))
    const action = /<form[^>]*action="([^"]+)"/.exec(confirmation.body)?.[1]
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmation.body)?.[1]
    assert.ok(action && xsrf, 'the identity service asks for confirmation')
    await browser.navigate(new URL(action.replace(/&amp;/g, '&'), confirmation.url), { method: 'POST', form: { xsrf, logout: 'yes' } })

    const account = await browser.navigate(npq('/account'))
    assert.ok(account.visited.some((url) => url.origin === services.npq.url && url.pathname === '/sign-in'), 'the NPQ session ended with the identity session')
  })

  it('refuses logout tokens it cannot verify, ending nobody\'s session', async () => {
    const person = await teacher()
    services.identity.signInAs(person.sub)
    const browser = services.browser()
    await browser.navigate(npq('/sign-in?returnTo=%2Faccount'))
    const forged = `${Buffer.from('{"alg":"none","typ":"logout+jwt"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: person.sub, events: {} })).toString('base64url')}.`
    for (const body of [new URLSearchParams({ logout_token: forged }), new URLSearchParams({ logout_token: '' }), new URLSearchParams()]) {
      const response = await fetch(npq('/auth/backchannel-logout'), { method: 'POST', body })
      assert.equal(response.status, 400)
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_request')
    }
    assert.equal((await browser.navigate(npq('/account'))).url.pathname, '/account', 'still signed in')
  })
})
