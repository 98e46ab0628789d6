import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import type { TestBrowser } from '../testing/browser.ts'
import { jwksOf, signIn } from '../testing/flows.ts'
import { verifyWithJwks } from '../testing/jwt.ts'
import { startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'

const SIGNED_OUT = 'https://client.example.test/signed-out'

/** Submits oidc-provider's sign-out confirmation form as a person pressing "Sign out" would. */
async function confirmSignOut(browser: TestBrowser, page: { body: string; url: URL }) {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1]
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1]
  assert.ok(action && xsrf, 'the sign-out page has a form with an anti-forgery token')
  return browser.navigate(new URL(action.replace(/&amp;/g, '&'), page.url), { method: 'POST', form: { xsrf, logout: 'yes' } })
}

describe('signing out', () => {
  let identity: TestIdentity
  let receiver: Server
  const logoutTokens: string[] = []
  let client: TestClient
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '')
        res.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    identity = await startTestIdentity()
    client = await identity.registerClient({
      postLogoutRedirectUris: [SIGNED_OUT],
      backchannelLogoutUri: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel-logout`,
    })
    rp = await identity.relyingParty(client)
    teacher = await identity.createUser()
  })
  after(async () => {
    await identity.close()
    receiver.close()
  })

  it('signs the person out at the client\'s request, returns them to the client and tells it over the back channel', async () => {
    const browser = identity.browser()
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, browser })
    const sid = tokens.claims()?.sid
    assert.ok(sid, 'the ID token carries the session id the back-channel logout token will name')

    const confirmation = await browser.navigate(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token as string, post_logout_redirect_uri: SIGNED_OUT, state: 'bye' }))
    assert.equal(confirmation.status, 200)
    assert.match(confirmation.body, /Do you want to sign out\?/)
    const signedOut = await confirmSignOut(browser, confirmation)
    assert.equal(signedOut.leftProvider, true)
    assert.equal(signedOut.url.href, `${SIGNED_OUT}?state=bye`)

    assert.equal(logoutTokens.length, 1)
    const logout = verifyWithJwks(logoutTokens[0] as string, await jwksOf(identity))
    assert.equal(logout.iss, identity.issuer)
    assert.equal(logout.aud, client.clientId)
    assert.equal(logout.sub, teacher.sub)
    assert.equal(logout.sid, sid)
    assert.deepEqual(logout.events, { 'http://schemas.openid.net/event/backchannel-logout': {} })
    assert.equal(logout.nonce, undefined)

    await assert.rejects(oidc.fetchUserInfo(rp, tokens.access_token, teacher.sub), 'the tokens of the ended session are revoked')
    const journeyBefore = identity.lastSignInRequest()
    await signIn(identity, rp, { userSub: teacher.sub, browser })
    assert.notEqual(identity.lastSignInRequest(), journeyBefore, 'the next sign-in goes through the journey again')
  })

  it('never redirects to a post-logout URI the client did not register', async () => {
    const browser = identity.browser()
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, browser })
    const response = await browser.navigate(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token as string, post_logout_redirect_uri: 'https://attacker.example/' }))
    assert.equal(response.leftProvider, false)
    assert.equal(response.status, 400)
    assert.match(response.body, /post_logout_redirect_uri/)
  })

  it('keeps the person signed in when they choose to stay', async () => {
    const browser = identity.browser()
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, browser })
    const delivered = logoutTokens.length
    const confirmation = await browser.navigate(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token as string, post_logout_redirect_uri: SIGNED_OUT }))
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmation.body)?.[1] as string
    const action = /<form[^>]*action="([^"]+)"/.exec(confirmation.body)?.[1] as string
    await browser.navigate(new URL(action, confirmation.url), { method: 'POST', form: { xsrf } })
    const journeyBefore = identity.lastSignInRequest()
    await signIn(identity, rp, { userSub: teacher.sub, browser })
    assert.equal(identity.lastSignInRequest(), journeyBefore, 'still signed in: no journey')
    assert.equal(logoutTokens.length, delivered + 1, 'the client that asked is still told its own session ended')
  })
})
