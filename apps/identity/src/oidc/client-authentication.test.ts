import assert from 'node:assert/strict'
import { createPrivateKey, randomUUID, sign, webcrypto } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorize, oauthError, signIn } from '../testing/flows.ts'
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.ts'

type OAuthError = Error & { error?: string; status?: number }
type PrivateKey = Parameters<typeof oidc.PrivateKeyJwt>[0]

describe('client authentication at the token endpoint', () => {
  let identity: TestIdentity
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    teacher = await identity.createUser()
  })
  after(() => identity.close())

  // oidc-provider takes a secret from either place whichever of the two the client registered: both are the same secret.
  it('accepts the secret in a Basic header or in the body', async () => {
    const basic = await identity.registerClient({ authMethod: 'client_secret_basic' })
    assert.ok((await signIn(identity, await identity.relyingParty(basic), { userSub: teacher.sub })).tokens.id_token)
    const post = await identity.registerClient({ authMethod: 'client_secret_post' })
    const postRp = await identity.relyingParty(post, oidc.ClientSecretPost(post.clientSecret ?? undefined))
    assert.ok((await signIn(identity, postRp, { userSub: teacher.sub })).tokens.id_token)
  })

  it('refuses a wrong secret with invalid_client', async () => {
    const client = await identity.registerClient()
    const wrongSecret = await identity.relyingParty({ clientId: client.clientId, clientSecret: `${client.clientSecret}x` })
    const authorization = await authorize(identity, wrongSecret, { userSub: teacher.sub })
    await assert.rejects(
      oidc.authorizationCodeGrant(wrongSecret, authorization.callback, { pkceCodeVerifier: authorization.codeVerifier, expectedState: authorization.state }),
      (error: OAuthError) => oauthError(error) === 'invalid_client' && error.status === 401,
    )
  })

  it('stores only a hash of the secret', async () => {
    const client = await identity.registerClient()
    const row = await identity.database.db.selectFrom('clients').selectAll().where('client_id', '=', client.clientId).executeTakeFirstOrThrow()
    assert.ok(client.clientSecret && client.clientSecret.length >= 43)
    assert.match(row.secret_hash ?? '', /^[0-9a-f]{64}$/)
    assert.ok(!JSON.stringify(row).includes(client.clientSecret))
  })

  describe('private_key_jwt', () => {
    let keys: webcrypto.CryptoKeyPair
    let clientId: string
    before(async () => {
      keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
      const publicJwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey)
      const registered = await identity.registerClient({
        authMethod: 'private_key_jwt',
        jwks: { keys: [{ ...publicJwk, kid: 'rp-key-1', alg: 'ES256', use: 'sig' } as never] },
        grantTypes: ['authorization_code', 'client_credentials'],
        scopes: ['openid', 'email', 'user:read'],
      })
      assert.equal(registered.clientSecret, null, 'a private_key_jwt client has no secret')
      clientId = registered.clientId
    })

    it('authenticates a client by an assertion signed with its registered key', async () => {
      const rp = await identity.relyingParty({ clientId, clientSecret: null }, oidc.PrivateKeyJwt({ key: keys.privateKey, kid: 'rp-key-1' } as PrivateKey))
      const { tokens } = await signIn(identity, rp, { userSub: teacher.sub, scope: 'openid email' })
      assert.equal(tokens.claims()?.email, teacher.email)
    })

    it('refuses an assertion used twice (replay detection shared by every instance)', async () => {
      const privateJwk = await webcrypto.subtle.exportKey('jwk', keys.privateKey)
      const now = Math.floor(Date.now() / 1000)
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'rp-key-1', typ: 'JWT' })).toString('base64url')
      const payload = Buffer.from(JSON.stringify({ iss: clientId, sub: clientId, aud: identity.issuer, jti: randomUUID(), iat: now, exp: now + 60 })).toString('base64url')
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: createPrivateKey({ key: privateJwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' })
      const assertion = `${header}.${payload}.${signature.toString('base64url')}`
      const tokenRequest = () =>
        fetch(`${identity.issuer}/connect/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            scope: 'user:read',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: assertion,
          }),
        })
      assert.equal((await tokenRequest()).status, 200)
      const replay = await tokenRequest()
      assert.equal(replay.status, 401)
      assert.equal(((await replay.json()) as { error: string }).error, 'invalid_client')
    })

    it('refuses an assertion signed by another key', async () => {
      const stranger = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
      const rp = await identity.relyingParty({ clientId, clientSecret: null }, oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: 'rp-key-1' } as PrivateKey))
      await assert.rejects(oidc.clientCredentialsGrant(rp, { scope: 'user:read' }), (error: OAuthError) => oauthError(error) === 'invalid_client')
    })
  })
})
