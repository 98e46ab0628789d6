import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { oauthError, signIn } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('refresh tokens', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let teacher: UserRow
  const offline = { scope: 'openid email offline_access', parameters: { prompt: 'consent' } }
  before(async () => {
    identity = await startTestIdentity()
    rp = await identity.relyingParty(await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'offline_access'] }))
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  it('are issued to a client allowed them that asks for offline_access', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, ...offline })
    assert.ok(tokens.refresh_token)
    const { tokens: online } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email' })
    assert.equal(online.refresh_token, undefined)
  })

  it('are never issued to a client not allowed them, whatever it asks for', async () => {
    const noRefresh = await identity.relyingParty(await identity.registerClient({ scopes: ['openid', 'email'] }))
    const { tokens } = await signIn(identity, noRefresh, { userSub: teacher.sub, ...offline })
    assert.equal(tokens.refresh_token, undefined)
  })

  it('rotate: each use gives a new refresh token and the old one is refused', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, ...offline })
    const first = tokens.refresh_token as string
    const refreshed = await oidc.refreshTokenGrant(rp, first)
    assert.ok(refreshed.access_token && refreshed.id_token)
    assert.equal(refreshed.claims()?.sub, teacher.sub)
    assert.ok(refreshed.refresh_token && refreshed.refresh_token !== first)
    await assert.rejects(oidc.refreshTokenGrant(rp, first), (error) => oauthError(error) === 'invalid_grant')
  })

  it('treat reuse of an old refresh token as theft: the current one is revoked too', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, ...offline })
    const stolen = tokens.refresh_token as string
    const current = (await oidc.refreshTokenGrant(rp, stolen)).refresh_token as string
    await assert.rejects(oidc.refreshTokenGrant(rp, stolen))
    await assert.rejects(oidc.refreshTokenGrant(rp, current), (error) => oauthError(error) === 'invalid_grant')
  })

  it('cannot be used by another client', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, ...offline })
    const other = await identity.relyingParty(await identity.registerClient({ grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'offline_access'] }))
    await assert.rejects(oidc.refreshTokenGrant(other, tokens.refresh_token as string), (error) => oauthError(error) === 'invalid_grant')
  })
})
