import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'

describe('redirect URIs', () => {
  let identity: TestIdentity
  let client: TestClient
  before(async () => {
    identity = await startTestIdentity()
    client = await identity.registerClient()
  })
  after(() => identity.close())

  const authorizeUrl = (parameters: Record<string, string>) =>
    `${identity.issuer}/connect/authorize?${new URLSearchParams({ response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...parameters })}`

  it('never redirects to a redirect URI the client did not register: the person sees an error instead', async () => {
    for (const redirectUri of ['https://attacker.example/callback', 'https://client.example.test/callback/extra', 'https://client.example.test/callback?x=1']) {
      const response = await fetch(authorizeUrl({ client_id: client.clientId, redirect_uri: redirectUri }), { redirect: 'manual' })
      assert.equal(response.status, 400, redirectUri)
      assert.equal(response.headers.get('location'), null, redirectUri)
      const text = await response.text()
      assert.match(text, /error: invalid_redirect_uri/)
      assert.ok(!text.includes('<'), 'plain text, so nothing in the request can become markup')
    }
  })

  it('answers a program with the protocol error as JSON', async () => {
    const response = await fetch(authorizeUrl({ client_id: client.clientId, redirect_uri: 'https://attacker.example/cb' }), { headers: { accept: 'application/json' }, redirect: 'manual' })
    assert.equal(response.status, 400)
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_redirect_uri')
  })

  it('never redirects for an unknown or missing client', async () => {
    const requests: Array<Record<string, string>> = [{ client_id: 'no-such-client', redirect_uri: 'https://attacker.example/cb' }, { redirect_uri: 'https://attacker.example/cb' }]
    for (const parameters of requests) {
      const response = await fetch(authorizeUrl(parameters), { redirect: 'manual' })
      assert.equal(response.status, 400)
      assert.equal(response.headers.get('location'), null)
      assert.match(await response.text(), /error: invalid_(client|request)/)
    }
  })

  it('never redirects for a disabled client', async () => {
    const disabled = await identity.registerClient()
    await identity.database.db.updateTable('clients').set({ disabled_at: new Date() }).where('client_id', '=', disabled.clientId).execute()
    const response = await fetch(authorizeUrl({ client_id: disabled.clientId, redirect_uri: 'https://client.example.test/callback' }), { redirect: 'manual' })
    assert.equal(response.status, 400)
    assert.equal(response.headers.get('location'), null)
  })
})
