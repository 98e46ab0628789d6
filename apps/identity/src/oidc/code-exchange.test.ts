import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it, mock } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorize } from '../testing/flows.ts'
import { CALLBACK, startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'

type OAuthError = Error & { error?: string; status?: number }
const isOAuthError = (code: string) => (error: OAuthError) => {
  assert.equal(error.error, code)
  return true
}

describe('exchanging an authorization code', () => {
  let identity: TestIdentity
  let client: TestClient
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    client = await identity.registerClient()
    rp = await identity.relyingParty(client)
    teacher = await identity.createUser()
  })
  afterEach(() => mock.timers.reset())
  after(() => identity.close())

  const exchange = (configuration: oidc.Configuration, authorization: Awaited<ReturnType<typeof authorize>>) =>
    oidc.authorizationCodeGrant(configuration, authorization.callback, {
      pkceCodeVerifier: authorization.codeVerifier,
      expectedNonce: authorization.nonce,
      expectedState: authorization.state,
    })

  it('refuses a code used twice, and revokes the tokens the first use gave', async () => {
    const authorization = await authorize(identity, rp, { userSub: teacher.sub })
    const first = await exchange(rp, authorization)
    await oidc.fetchUserInfo(rp, first.access_token, teacher.sub)
    await assert.rejects(exchange(rp, authorization), isOAuthError('invalid_grant'))
    await assert.rejects(oidc.fetchUserInfo(rp, first.access_token, teacher.sub), (error: OAuthError) => error.status === 401 || error.error === 'invalid_token')
  })

  it('refuses a code after its minute is up', async () => {
    const authorization = await authorize(identity, rp, { userSub: teacher.sub })
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 61_000 })
    await assert.rejects(exchange(rp, authorization), isOAuthError('invalid_grant'))
  })

  it('accepts a code just inside its minute', async () => {
    const authorization = await authorize(identity, rp, { userSub: teacher.sub })
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 45_000 })
    const tokens = await exchange(rp, authorization)
    assert.equal(tokens.claims()?.sub, teacher.sub)
  })

  it('refuses a code redeemed with the wrong redirect URI', async () => {
    const authorization = await authorize(identity, rp, { userSub: teacher.sub })
    const response = await fetch(`${identity.issuer}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: authorization.callback.searchParams.get('code') ?? '',
        code_verifier: authorization.codeVerifier,
        redirect_uri: `${CALLBACK}/other`,
      }),
    })
    assert.equal(response.status, 400)
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_grant')
  })

  it('refuses a code issued to another client', async () => {
    const other = await identity.registerClient()
    const otherRp = await identity.relyingParty(other)
    const authorization = await authorize(identity, rp, { userSub: teacher.sub })
    await assert.rejects(exchange(otherRp, authorization), isOAuthError('invalid_grant'))
  })
})
