import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorize, oauthError, signIn } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

// A request's writes reach the database together just before it answers (request-unit.ts). These are the races that
// arrangement must still settle exactly as one statement per write did: one winner, and the grant revoked.
describe('a code or refresh token used twice at the same moment', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity({ instances: 2 })
    rp = await identity.relyingParty(await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'offline_access'] }))
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  it('gives tokens for a refresh token to one request only, and then revokes them as a replay', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email offline_access', parameters: { prompt: 'consent' } })
    const results = await Promise.allSettled([0, 1, 2].map(() => oidc.refreshTokenGrant(rp, tokens.refresh_token as string)))
    const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    assert.equal(won.length, 1, 'exactly one refresh succeeded')
    for (const result of results) if (result.status === 'rejected') assert.equal(oauthError(result.reason), 'invalid_grant')
    const winner = won[0] as oidc.TokenEndpointResponse
    await assert.rejects(oidc.refreshTokenGrant(rp, winner.refresh_token as string), (error) => oauthError(error) === 'invalid_grant')
    await assert.rejects(oidc.fetchUserInfo(rp, winner.access_token, teacher.sub))
  })

  it('gives tokens for an authorization code to one request only, and then revokes them as a replay', async () => {
    const authorization = await authorize(identity, rp, { userSub: teacher.sub, scope: 'openid email' })
    const exchange = () =>
      oidc.authorizationCodeGrant(rp, authorization.callback, { pkceCodeVerifier: authorization.codeVerifier, expectedNonce: authorization.nonce, expectedState: authorization.state })
    const results = await Promise.allSettled([exchange(), exchange()])
    const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    assert.equal(won.length, 1, 'exactly one exchange succeeded')
    await assert.rejects(oidc.fetchUserInfo(rp, (won[0] as oidc.TokenEndpointResponse).access_token, teacher.sub))
  })

  it('keeps what a request stored until it answered: a new refresh token works at once on the other instance', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email offline_access', parameters: { prompt: 'consent' } })
    let refreshToken = tokens.refresh_token as string
    for (let step = 0; step < 4; step++) {
      const refreshed = await oidc.refreshTokenGrant(rp, refreshToken)
      assert.equal((await oidc.fetchUserInfo(rp, refreshed.access_token, teacher.sub)).email, teacher.email)
      refreshToken = refreshed.refresh_token as string
    }
  })
})
