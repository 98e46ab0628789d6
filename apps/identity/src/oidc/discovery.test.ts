import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { jwksOf } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

type Discovery = {
  issuer: string
  authorization_endpoint: string
  jwks_uri: string
  end_session_endpoint?: string
  introspection_endpoint?: string
  revocation_endpoint?: string
  userinfo_endpoint?: string
  registration_endpoint?: string
  backchannel_logout_supported?: boolean
  response_types_supported: string[]
  code_challenge_methods_supported: string[]
  token_endpoint_auth_methods_supported: string[]
  token_endpoint_auth_signing_alg_values_supported: string[]
  id_token_signing_alg_values_supported: string[]
  grant_types_supported: string[]
  scopes_supported: string[]
  claims_supported: string[]
}

describe('discovery and JWKS', () => {
  let identity: TestIdentity
  before(async () => {
    identity = await startTestIdentity()
  })
  after(() => identity.close())

  it('describes a code-flow-only provider with PKCE S256 and no secret-as-key client authentication', async () => {
    const response = await fetch(`${identity.issuer}/.well-known/openid-configuration`)
    assert.equal(response.status, 200)
    const metadata = (await response.json()) as Discovery
    assert.equal(metadata.issuer, identity.issuer)
    assert.deepEqual(metadata.response_types_supported, ['code'])
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256'])
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported.sort(), ['client_secret_basic', 'client_secret_post', 'private_key_jwt'])
    assert.ok(!metadata.token_endpoint_auth_signing_alg_values_supported.includes('HS256'))
    assert.deepEqual(metadata.id_token_signing_alg_values_supported, ['RS256'])
    assert.deepEqual(metadata.grant_types_supported.sort(), ['authorization_code', 'client_credentials', 'refresh_token'])
    for (const scope of ['openid', 'email', 'profile', 'trn', 'offline_access']) assert.ok(metadata.scopes_supported.includes(scope), scope)
    for (const claim of ['email_verified', 'preferred_name', 'birthdate', 'trn', 'trn_lookup_status']) assert.ok(metadata.claims_supported.includes(claim), claim)
    assert.equal(metadata.authorization_endpoint, `${identity.issuer}/connect/authorize`)
    assert.equal(metadata.jwks_uri, `${identity.issuer}/.well-known/jwks.json`)
    assert.ok(metadata.end_session_endpoint && metadata.introspection_endpoint && metadata.revocation_endpoint && metadata.userinfo_endpoint)
    assert.equal(metadata.backchannel_logout_supported, true)
    assert.equal(metadata.registration_endpoint, undefined, 'clients are never registered dynamically')
  })

  it('publishes public signing keys only', async () => {
    const jwks = await jwksOf(identity)
    assert.ok(jwks.keys.length >= 1)
    for (const key of jwks.keys) {
      assert.equal(key.kty, 'RSA')
      assert.ok(key.kid)
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined, `the JWKS must not contain "${secret}"`)
    }
  })

  it('behind a TLS-terminating load balancer, builds https URLs and marks its cookies Secure', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'identity.example.gov.uk' }
    const metadata = (await (await fetch(`${identity.issuer}/.well-known/openid-configuration`, { headers: forwarded })).json()) as Discovery
    assert.equal(metadata.authorization_endpoint, 'https://identity.example.gov.uk/connect/authorize')
    const client = await identity.registerClient()
    const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: 'https://client.example.test/callback', response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })
    const response = await fetch(`${identity.issuer}/connect/authorize?${query}`, { headers: forwarded, redirect: 'manual' })
    assert.equal(response.status, 303)
    const cookies = response.headers.getSetCookie()
    assert.ok(cookies.length > 0)
    for (const cookie of cookies) assert.match(cookie, /; secure/i, cookie)
    for (const cookie of cookies) assert.match(cookie, /; httponly/i, cookie)
  })

  it('answers /health and /metrics', async () => {
    const health = await fetch(`${identity.issuer}/health`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' })
    await fetch(`${identity.issuer}/.well-known/openid-configuration`)
    const metrics = await (await fetch(`${identity.issuer}/metrics`)).text()
    assert.match(metrics, /identity_oidc_requests_total\{route="discovery",status="200"/)
  })
})
