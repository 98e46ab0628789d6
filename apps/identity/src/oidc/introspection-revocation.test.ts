import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { signIn } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('introspection and revocation', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let clientId: string
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    const client = await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'offline_access'] })
    clientId = client.clientId
    rp = await identity.relyingParty(client)
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  const offlineSignIn = () => signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email offline_access', parameters: { prompt: 'consent' } })

  it('tells a client about its own access and refresh tokens', async () => {
    const { tokens } = await offlineSignIn()
    const access = await oidc.tokenIntrospection(rp, tokens.access_token)
    assert.equal(access.active, true)
    assert.equal(access.sub, teacher.sub)
    assert.equal(access.client_id, clientId)
    assert.equal(access.token_type, 'Bearer')
    assert.ok(String(access.scope).split(' ').includes('email'))
    const refresh = await oidc.tokenIntrospection(rp, tokens.refresh_token as string)
    assert.equal(refresh.active, true)
  })

  it('says nothing about another client\'s tokens', async () => {
    const { tokens } = await offlineSignIn()
    const other = await identity.relyingParty(await identity.registerClient())
    assert.deepEqual(await oidc.tokenIntrospection(other, tokens.access_token), { active: false })
  })

  it('answers inactive for a made-up token', async () => {
    assert.deepEqual(await oidc.tokenIntrospection(rp, 'not-a-token'), { active: false })
  })

  // RFC 7009 lets a server revoke the rest of the authorization with either token; oidc-provider does, so both go.
  it('revokes an access token and the refresh token of the same authorization', async () => {
    const { tokens } = await offlineSignIn()
    await oidc.tokenRevocation(rp, tokens.access_token)
    assert.equal((await oidc.tokenIntrospection(rp, tokens.access_token)).active, false)
    await assert.rejects(oidc.fetchUserInfo(rp, tokens.access_token, teacher.sub))
    assert.equal((await oidc.tokenIntrospection(rp, tokens.refresh_token as string)).active, false)
  })

  it('revokes a refresh token and the access token issued with it', async () => {
    const { tokens } = await offlineSignIn()
    await oidc.tokenRevocation(rp, tokens.refresh_token as string)
    assert.equal((await oidc.tokenIntrospection(rp, tokens.refresh_token as string)).active, false)
    assert.equal((await oidc.tokenIntrospection(rp, tokens.access_token)).active, false)
    await assert.rejects(oidc.refreshTokenGrant(rp, tokens.refresh_token as string))
  })
})
