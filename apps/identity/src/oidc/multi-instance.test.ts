import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import { jwksOf, signIn } from '../testing/flows.ts'
import { verifyWithJwks } from '../testing/jwt.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('several instances behind a load balancer', () => {
  let identity: TestIdentity
  before(async () => {
    identity = await startTestIdentity({ instances: 2 })
  })
  after(() => identity.close())

  it('finish on one instance the flows started on the other: sign-in, consent, refresh, userinfo and the browser session', async () => {
    const rp = await identity.relyingParty(await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'offline_access'] }))
    const teacher = await identity.createUser()
    const browser = identity.browser()
    const { tokens, visited } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email offline_access', browser, parameters: { prompt: 'consent' } })
    assert.ok(visited.length >= 4, 'authorize, interaction, sign-in and resume each went to the next instance in turn')
    assert.ok(identity.instances.every((instance) => instance.requests > 2), 'both instances served part of it')

    assert.equal(verifyWithJwks(tokens.id_token as string, await jwksOf(identity)).sub, teacher.sub, 'one key set, generated once, used by both')
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.equal((await oidc.fetchUserInfo(rp, tokens.access_token, teacher.sub)).email, teacher.email)
    }
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string)
    await assert.rejects(oidc.refreshTokenGrant(rp, tokens.refresh_token as string), 'the other instance knows the old refresh token was used')
    assert.ok(refreshed.refresh_token)

    const journeyBefore = identity.lastSignInRequest()
    await signIn(identity, rp, { userSub: teacher.sub, browser })
    assert.equal(identity.lastSignInRequest(), journeyBefore, 'the browser session is recognised by both instances')
  })

  it('share one set of signing keys', async () => {
    const first = await jwksOf(identity)
    const second = await jwksOf(identity)
    assert.deepEqual(first, second)
    assert.equal(first.keys.length, 1)
  })
})
