import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorize } from '../testing/flows.ts'
import { CALLBACK, startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('PKCE is required of every client', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    rp = await identity.relyingParty(await identity.registerClient())
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  async function callbackFor(parameters: Record<string, string>) {
    const url = oidc.buildAuthorizationUrl(rp, { redirect_uri: CALLBACK, scope: 'openid', state: 'xyz', ...parameters })
    identity.signInAs(teacher.sub)
    const navigation = await identity.browser().navigate(url)
    assert.equal(navigation.leftProvider, true)
    return navigation.url
  }

  it('refuses an authorization request without a code challenge, even from a confidential client', async () => {
    const callback = await callbackFor({})
    assert.equal(callback.searchParams.get('error'), 'invalid_request')
    assert.match(callback.searchParams.get('error_description') ?? '', /PKCE/)
    assert.equal(callback.searchParams.get('code'), null)
    assert.equal(callback.searchParams.get('state'), 'xyz')
  })

  it('refuses the plain method', async () => {
    const callback = await callbackFor({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })
    assert.equal(callback.searchParams.get('error'), 'invalid_request')
    assert.equal(callback.searchParams.get('code'), null)
  })

  it('refuses a code exchanged without its verifier, or with the wrong one', async () => {
    for (const verifier of [undefined, oidc.randomPKCECodeVerifier()]) {
      const { callback, state } = await authorize(identity, rp, { userSub: teacher.sub })
      await assert.rejects(
        oidc.authorizationCodeGrant(rp, callback, { expectedState: state, ...(verifier ? { pkceCodeVerifier: verifier } : {}) }),
        (error: Error & { error?: string }) => error.error === 'invalid_grant',
      )
    }
  })
})
