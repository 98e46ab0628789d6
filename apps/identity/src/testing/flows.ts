import assert from 'node:assert/strict'
import * as oidc from 'openid-client'
import type { TestBrowser } from './browser.ts'
import { CALLBACK, type TestIdentity } from './test-identity.ts'

export type Authorization = {
  /** Where the provider sent the browser back to: the client's redirect URI with `code` or `error`. */
  callback: URL
  codeVerifier: string
  nonce: string
  state: string
  /** Every provider URL the browser went through. */
  visited: URL[]
}

/** The URL a relying party sends the browser to (PKCE S256, nonce, state), with what it must keep to finish. */
export async function authorizationRequest(rp: oidc.Configuration, options: { scope: string; parameters?: Record<string, string> }) {
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const nonce = oidc.randomNonce()
  const state = oidc.randomState()
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: CALLBACK,
    scope: options.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...options.parameters,
  })
  return { url, codeVerifier, nonce, state }
}

/** Starts an authorization request as a relying party would (PKCE S256, nonce, state) and lets the browser run it. */
export async function authorize(
  identity: TestIdentity,
  rp: oidc.Configuration,
  options: { userSub?: string; scope?: string; browser?: TestBrowser; parameters?: Record<string, string> } = {},
): Promise<Authorization> {
  const { url, codeVerifier, nonce, state } = await authorizationRequest(rp, { scope: options.scope ?? 'openid', parameters: options.parameters })
  identity.signInAs(options.userSub)
  const navigation = await (options.browser ?? identity.browser()).navigate(url)
  assert.equal(navigation.leftProvider, true, `expected a redirect back to the client, got ${navigation.status} at ${navigation.url.href}: ${navigation.body}`)
  return { callback: navigation.url, codeVerifier, nonce, state, visited: navigation.visited }
}

/** A whole sign-in: authorization, then the code exchanged at the token endpoint with every check openid-client makes. */
export async function signIn(
  identity: TestIdentity,
  rp: oidc.Configuration,
  options: { userSub: string; scope?: string; browser?: TestBrowser; parameters?: Record<string, string> },
) {
  const authorization = await authorize(identity, rp, options)
  const tokens = await oidc.authorizationCodeGrant(rp, authorization.callback, {
    pkceCodeVerifier: authorization.codeVerifier,
    expectedNonce: authorization.nonce,
    expectedState: authorization.state,
    idTokenExpected: true,
  })
  return { ...authorization, tokens }
}

export async function jwksOf(identity: TestIdentity) {
  const response = await fetch(`${identity.issuer}/.well-known/jwks.json`)
  assert.equal(response.status, 200)
  return (await response.json()) as { keys: Array<Record<string, string>> }
}

/** The OAuth error code of a refusal, whether openid-client reports it from the body or from a WWW-Authenticate challenge. */
export function oauthError(error: unknown): string | undefined {
  const candidate = error as { error?: string; cause?: Array<{ parameters?: { error?: string } }> }
  return candidate.error ?? (Array.isArray(candidate.cause) ? candidate.cause[0]?.parameters?.error : undefined)
}
