import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { CALLBACK, startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('response types', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    rp = await identity.relyingParty(await identity.registerClient())
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  it('refuses the implicit and hybrid flows, so no token ever travels in a URL', async () => {
    for (const responseType of ['id_token', 'token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none']) {
      const verifier = oidc.randomPKCECodeVerifier()
      const url = oidc.buildAuthorizationUrl(rp, {
        redirect_uri: CALLBACK,
        response_type: responseType,
        scope: 'openid',
        nonce: oidc.randomNonce(),
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      })
      identity.signInAs(teacher.sub)
      const navigation = await identity.browser().navigate(url)
      assert.equal(navigation.leftProvider, true, responseType)
      const returned = new URLSearchParams(navigation.url.hash.slice(1) || navigation.url.search)
      assert.equal(returned.get('error'), 'unsupported_response_type', responseType)
      for (const token of ['code', 'id_token', 'access_token']) assert.equal(returned.get(token), null, `${responseType} returned ${token}`)
    }
  })
})
