import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import { jwksOf, oauthError } from '../testing/flows.ts'
import { verifyWithJwks } from '../testing/jwt.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

describe('client credentials for service-to-service calls', () => {
  let identity: TestIdentity
  let rp: oidc.Configuration
  let clientId: string
  before(async () => {
    identity = await startTestIdentity()
    const client = await identity.registerClient({ grantTypes: ['client_credentials'], scopes: ['user:read', 'user:write'] })
    clientId = client.clientId
    rp = await identity.relyingParty(client)
  })
  after(() => identity.close())

  it('issues a JWT access token for the identity API that the API can verify with the JWKS', async () => {
    const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'user:read' })
    assert.equal(tokens.token_type.toLowerCase(), 'bearer')
    assert.equal(tokens.scope, 'user:read')
    assert.ok(tokens.expires_in && tokens.expires_in <= 3600)
    const claims = verifyWithJwks(tokens.access_token, await jwksOf(identity))
    assert.equal(claims.iss, identity.issuer)
    assert.equal(claims.aud, `${identity.issuer}/api`)
    assert.equal(claims.client_id, clientId)
    assert.equal(claims.scope, 'user:read')
  })

  it('accepts the identity API named as the resource indicator', async () => {
    const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'user:read user:write', resource: `${identity.issuer}/api` })
    assert.equal(tokens.scope, 'user:read user:write')
  })

  it('refuses a scope the client was not registered for', async () => {
    await assert.rejects(oidc.clientCredentialsGrant(rp, { scope: 'trn_token:write' }), (error) => oauthError(error) === 'invalid_scope')
  })

  it('refuses an unknown resource', async () => {
    await assert.rejects(oidc.clientCredentialsGrant(rp, { scope: 'user:read', resource: 'https://elsewhere.example/api' }), (error) => oauthError(error) === 'invalid_target')
  })

  it('refuses a client that was not given the grant', async () => {
    const signInOnly = await identity.relyingParty(await identity.registerClient())
    await assert.rejects(oidc.clientCredentialsGrant(signInOnly, { scope: 'user:read' }), (error: Error & { cause?: { error_description?: string } }) => {
      assert.equal(oauthError(error), 'invalid_request')
      assert.equal(error.cause?.error_description, 'requested grant type is not allowed for this client')
      return true
    })
  })
})
