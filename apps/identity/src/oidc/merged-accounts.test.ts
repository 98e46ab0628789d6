import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorizationRequest, oauthError, signIn } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

// What a client service sees of two accounts of one person after a support agent merged them (admin/users/merge/).
// The merge itself is tested there; here it is the column it sets, so each test shows the provider's side alone.
describe('accounts merged into another', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  const offline = { scope: 'openid email profile offline_access', parameters: { prompt: 'consent' } }
  before(async () => {
    identity = await startTestIdentity()
    rp = await identity.relyingParty(await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'profile', 'offline_access'] }))
  })
  after(() => identity.close())

  const merge = async (merged: UserRow, kept: UserRow, at: Date) => {
    await identity.database.db.updateTable('users').set({ merged_into: kept.sub, merged_at: at }).where('sub', '=', merged.sub).execute()
  }

  it('are listed in the kept account’s previous_user_id claim, earliest first, with the profile scope only', async () => {
    const kept = await identity.createUser()
    const first = await identity.createUser()
    const second = await identity.createUser()
    await merge(second, kept, new Date('2026-03-02T10:00:00Z'))
    await merge(first, kept, new Date('2026-03-01T10:00:00Z'))

    const { tokens } = await signIn(identity, rp, { userSub: kept.sub, scope: 'openid profile' })
    assert.deepEqual(tokens.claims()?.previous_user_id, [first.sub, second.sub])
    const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, kept.sub)
    assert.deepEqual(userinfo.previous_user_id, [first.sub, second.sub])

    const { tokens: emailOnly } = await signIn(identity, rp, { userSub: kept.sub, scope: 'openid email' })
    assert.equal(emailOnly.claims()?.previous_user_id, undefined)
    const unmerged = await identity.createUser()
    const { tokens: other } = await signIn(identity, rp, { userSub: unmerged.sub, scope: 'openid profile' })
    assert.equal(other.claims()?.previous_user_id, undefined, 'no claim at all for an account nothing was merged into')
  })

  it('stop working: their access tokens at userinfo and their refresh tokens are refused', async () => {
    const kept = await identity.createUser()
    const merged = await identity.createUser()
    const { tokens } = await signIn(identity, rp, { userSub: merged.sub, ...offline })
    await merge(merged, kept, new Date())
    await assert.rejects(oidc.fetchUserInfo(rp, tokens.access_token, merged.sub), (error) => oauthError(error) === 'invalid_token')
    await assert.rejects(oidc.refreshTokenGrant(rp, tokens.refresh_token as string), (error) => oauthError(error) === 'invalid_grant')
  })

  it('cannot be signed in to by a journey that finishes after the merge', async () => {
    const kept = await identity.createUser()
    const merged = await identity.createUser()
    await merge(merged, kept, new Date())
    await assert.rejects(signIn(identity, rp, { userSub: merged.sub, scope: 'openid email' }))
    const signedIn = await identity.database.db.selectFrom('users').select('last_signed_in_at').where('sub', '=', merged.sub).executeTakeFirstOrThrow()
    assert.equal(signedIn.last_signed_in_at, null)
  })

  it('a browser still signed in to a merged account is asked to sign in again, not handed a code for it', async () => {
    const kept = await identity.createUser()
    const merged = await identity.createUser()
    const browser = identity.browser()
    await signIn(identity, rp, { userSub: merged.sub, scope: 'openid email', browser })
    await merge(merged, kept, new Date())

    identity.holdSignIns(true)
    try {
      const { url } = await authorizationRequest(rp, { scope: 'openid email' })
      const navigation = await browser.navigate(url)
      assert.equal(navigation.leftProvider, false, 'no code was issued for the merged account')
      assert.equal(navigation.status, 200)
      assert.match(navigation.body, /signing in for Test service/)
    } finally {
      identity.holdSignIns(false)
    }

    // Signing in to the kept account ends the old session first: oidc-provider's page posts itself (with script) to
    // end the session, then carries on with the authorization. The test browser runs no script, so it posts the form.
    identity.signInAs(kept.sub)
    const request = await authorizationRequest(rp, { scope: 'openid email' })
    const logout = await browser.navigate(request.url)
    const action = /<form method="post" action="([^"]+)"/.exec(logout.body)?.[1]
    assert.ok(action?.endsWith('/connect/signout/confirm'), logout.body)
    const inputs = Object.fromEntries([...logout.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((match) => [match[1] as string, match[2] as string]))
    const back = await browser.navigate(action as string, { method: 'POST', form: inputs })
    assert.equal(back.leftProvider, true, back.body)
    const tokens = await oidc.authorizationCodeGrant(rp, back.url, { pkceCodeVerifier: request.codeVerifier, expectedNonce: request.nonce, expectedState: request.state, idTokenExpected: true })
    assert.equal(tokens.claims()?.sub, kept.sub)
  })
})
