import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { signIn, jwksOf } from '../testing/flows.ts'
import { verifyWithJwks } from '../testing/jwt.ts'
import { startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'

describe('authorization code flow with PKCE', () => {
  let identity: TestIdentity
  let client: TestClient
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    client = await identity.registerClient({ scopes: ['openid', 'email', 'profile', 'trn'], trnRequirement: 'required', raiseTrnSupportTickets: true })
    rp = await identity.relyingParty(client)
    teacher = await identity.createUser({ trn: '1000001', trn_lookup_status: 'Found', trn_verification_level: 'low' })
  })
  after(() => identity.close())

  it('signs a person in and issues an ID token, signed with a published key, for them and this client', async () => {
    const { tokens, nonce } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid' })
    assert.ok(tokens.id_token && tokens.access_token)
    assert.equal(tokens.refresh_token, undefined, 'no refresh token unless the client may have one and asks for offline_access')
    const claims = verifyWithJwks(tokens.id_token, await jwksOf(identity))
    assert.equal(claims.iss, identity.issuer)
    assert.equal(claims.aud, client.clientId)
    assert.equal(claims.sub, teacher.sub)
    assert.equal(claims.nonce, nonce)
    assert.equal(typeof claims.exp, 'number')
  })

  it('puts in the ID token exactly the claims of the scopes asked for', async () => {
    const openidOnly = (await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid' })).tokens.claims()
    assert.deepEqual(Object.keys(openidOnly ?? {}).filter((claim) => !['iss', 'aud', 'exp', 'iat', 'nonce', 'auth_time', 'sid', 'at_hash', 'sub', 'jti'].includes(claim)), [])

    const all = (await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email profile trn' })).tokens.claims()
    assert.equal(all?.email, teacher.email)
    assert.equal(all?.email_verified, true)
    assert.equal(all?.name, 'Sarah Jane Thompson')
    assert.equal(all?.given_name, 'Sarah')
    assert.equal(all?.family_name, 'Thompson')
    assert.equal(all?.preferred_name, 'Sarah Thompson')
    assert.equal(all?.birthdate, '1986-04-12')
    assert.equal(all?.trn, '1000001')
    assert.equal(all?.trn_lookup_status, 'Found')

    const emailOnly = (await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email' })).tokens.claims()
    assert.equal(emailOnly?.email, teacher.email)
    assert.equal(emailOnly?.name, undefined)
    assert.equal(emailOnly?.trn, undefined)
  })

  it('answers userinfo with the same claims for the access token', async () => {
    const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email trn' })
    const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, teacher.sub)
    assert.deepEqual(userinfo, { sub: teacher.sub, email: teacher.email, email_verified: true, trn: '1000001', trn_lookup_status: 'Found' })
  })

  it('tells a person without a TRN\'s client the lookup status only', async () => {
    const pending = await identity.createUser({ trn_lookup_status: 'Pending' })
    const claims = (await signIn(identity, rp, { userSub: pending.sub, scope: 'openid trn' })).tokens.claims()
    assert.equal(claims?.trn, undefined)
    assert.equal(claims?.trn_lookup_status, 'Pending')
  })

  it('withholds a TRN verified only to the low level from a client with the strict match policy', async () => {
    const strict = await identity.relyingParty(await identity.registerClient({ trnMatchPolicy: 'strict' }))
    const claims = (await signIn(identity, strict, { userSub: teacher.sub, scope: 'openid trn' })).tokens.claims()
    assert.equal(claims?.trn, undefined)
    assert.equal(claims?.trn_lookup_status, 'Pending')
  })

  it('refuses scopes the client was not registered for', async () => {
    const emailOnly = await identity.registerClient({ scopes: ['openid', 'email'] })
    const emailRp = await identity.relyingParty(emailOnly)
    await assert.rejects(signIn(identity, emailRp, { userSub: teacher.sub, scope: 'openid trn' }), (error: Error & { error?: string }) => {
      assert.equal(error.error, 'invalid_scope')
      return true
    })
  })

  it('hands the sign-in journey the client\'s settings and what was asked for', async () => {
    await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email trn', parameters: { login_hint: 'sarah@school.example' } })
    const request = identity.lastSignInRequest()
    assert.deepEqual(request?.client, {
      clientId: client.clientId,
      name: 'Test service',
      trnRequirement: 'required',
      trnMatchPolicy: 'default',
      raiseTrnSupportTickets: true,
      blockProhibitedTeachers: false,
    })
    assert.deepEqual(request?.scopes, ['openid', 'email', 'trn'])
    assert.equal(request?.trnRequested, true)
    assert.equal(request?.loginHint, 'sarah@school.example')
    assert.ok(request && request.expiresAt.getTime() > Date.now())
  })

  it('signs in again without the journey while the browser session lasts, and sends the journey back on prompt=login', async () => {
    const browser = identity.browser()
    await signIn(identity, rp, { userSub: teacher.sub, browser })
    const journeySawBefore = identity.lastSignInRequest()
    const again = await signIn(identity, rp, { userSub: teacher.sub, browser })
    assert.equal(identity.lastSignInRequest(), journeySawBefore, 'the journey was not involved the second time')
    assert.equal(again.tokens.claims()?.sub, teacher.sub)

    await signIn(identity, rp, { userSub: teacher.sub, browser, parameters: { prompt: 'login' } })
    assert.notEqual(identity.lastSignInRequest(), journeySawBefore)
    assert.equal(identity.lastSignInRequest()?.signedInUserSub, teacher.sub)
  })
})
