import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import { signIn } from './testing/flows.ts'
import { startTestIdentity, type TestIdentity } from './testing/test-identity.ts'

describe('request logs', () => {
  let identity: TestIdentity
  before(async () => {
    identity = await startTestIdentity({ logLevel: 'info' })
  })
  after(() => identity.close())

  it('record each request and refusal without codes, tokens, secrets or personal details', async () => {
    const client = await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'profile', 'offline_access'] })
    const rp = await identity.relyingParty(client)
    const teacher = await identity.createUser({ email: 'mina.fairweather@school.example', given_name: 'Wilhelmina', family_name: 'Fairweather' })
    const { tokens, callback } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email profile offline_access', parameters: { prompt: 'consent', login_hint: 'mina.fairweather@school.example' } })
    await oidc.fetchUserInfo(rp, tokens.access_token, teacher.sub)
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string)
    await assert.rejects(oidc.refreshTokenGrant(rp, tokens.refresh_token as string))
    await fetch(`${identity.issuer}/connect/authorize?client_id=${client.clientId}&redirect_uri=https://attacker.example/cb&response_type=code&scope=openid`)

    const log = identity.logs()
    assert.match(log, /"path":"\/connect\/token"/)
    assert.match(log, /"error":"invalid_redirect_uri"/)
    const secrets = [
      client.clientSecret as string,
      callback.searchParams.get('code') as string,
      tokens.access_token,
      tokens.id_token as string,
      tokens.refresh_token as string,
      refreshed.access_token,
      refreshed.refresh_token as string,
      'mina.fairweather@school.example',
      'Fairweather',
      '1986-04-12',
    ]
    for (const secret of secrets) assert.ok(!log.includes(secret), `the log must not contain ${secret.slice(0, 12)}...`)
  })
})
