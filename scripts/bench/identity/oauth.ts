// The relying party's side of the benchmark, by hand over fetch: authorization requests with PKCE S256, nonce and
// state, the journey's pages filled in like a person would, the token endpoint and userinfo. Light on purpose: the
// load generator shares the machine with the service it measures.
import { createHash, randomBytes } from 'node:crypto'
import type { Browser } from './browser.ts'
import { buttonLink, chooseForm, fillForm, pageSummary, parseForms, type Answers } from './forms.ts'

export type BenchClient = { clientId: string; clientSecret: string; redirectUri: string }

export type TokenResponse = {
  access_token: string
  token_type: string
  expires_in?: number
  id_token?: string
  refresh_token?: string
  scope?: string
}

export type SignedIn = { sub: string; tokens: TokenResponse; pages: string[] }

/** The paths a provider under test answers on: ours (apps/identity/src/oidc/provider.ts ROUTES), mirrored by the bare one. */
export const PATHS = { authorization: '/connect/authorize', token: '/connect/token', userinfo: '/connect/userinfo', jwks: '/.well-known/jwks.json' }

const REQUEST_TIMEOUT_MS = 30_000
const MOST_PAGES = 10

const random = (bytes: number) => randomBytes(bytes).toString('base64url')

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1]
  if (!payload) throw new Error('not a JWT')
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

function basicAuthorization(client: BenchClient): string {
  // RFC 6749 2.3.1: form-encode both parts before joining them.
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+')
  return `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtocolError'
  }
}

/** A token endpoint request authenticated with client_secret_basic; any answer but 200 with an access token throws. */
export async function tokenRequest(issuer: string, client: BenchClient, form: Record<string, string>): Promise<TokenResponse> {
  const response = await fetch(`${issuer}${PATHS.token}`, {
    method: 'POST',
    headers: { authorization: basicAuthorization(client), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  if (response.status !== 200) {
    let reason = text.slice(0, 200)
    try {
      const body = JSON.parse(text) as { error?: string; error_description?: string }
      reason = `${body.error ?? '?'}: ${body.error_description ?? ''}`
    } catch {
      // not JSON: keep the text
    }
    throw new ProtocolError(`token endpoint (${form.grant_type}) answered ${response.status} ${reason}`)
  }
  const tokens = JSON.parse(text) as TokenResponse
  if (typeof tokens.access_token !== 'string') throw new ProtocolError(`token endpoint (${form.grant_type}) gave no access token`)
  return tokens
}

export async function userinfo(issuer: string, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${issuer}${PATHS.userinfo}`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  if (response.status !== 200) throw new ProtocolError(`userinfo answered ${response.status} ${text.slice(0, 200)}`)
  return JSON.parse(text) as Record<string, unknown>
}

export type AuthorizationOptions = {
  scope: string
  loginHint?: string
  prompt?: string
  /** Where to send the authorization request, when another instance over the same database should take it. */
  authorizeAt?: string
}

/**
 * A whole sign-in as a relying party and a person would make it: the authorization request (PKCE S256, nonce, state),
 * every page of the journey answered with `answers`, the code exchanged at the token endpoint and the ID token's nonce
 * and subject checked. Throws, naming the page, when anything does not go as a person would expect.
 */
export async function signIn(browser: Browser, issuer: string, client: BenchClient, answers: Answers, options: AuthorizationOptions): Promise<SignedIn> {
  const verifier = random(32)
  const nonce = random(16)
  const state = random(16)
  const url = new URL(`${options.authorizeAt ?? issuer}${PATHS.authorization}`)
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: options.scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  }).toString()

  const pages: string[] = []
  let page = await browser.navigate(url)
  let callback: URL
  for (let step = 0; ; step++) {
    pages.push(...page.visited.map((visited) => visited.pathname))
    if (page.leftProvider) {
      callback = page.url
      break
    }
    if (step === MOST_PAGES) throw new ProtocolError(`still on the provider's pages after ${MOST_PAGES} forms: ${pages.join(' → ')}`)
    if (page.status !== 200) throw new ProtocolError(`${page.status} at ${page.url.pathname}: ${pageSummary(page.body)}`)
    const form = chooseForm(parseForms(page.body))
    if (!form) {
      // A page whose way on is a button link ("Continue" to the service) rather than a form.
      const link = buttonLink(page.body)
      if (!link) throw new ProtocolError(`no form to fill in at ${page.url.pathname}: ${pageSummary(page.body)}`)
      const next = new URL(link, page.url)
      if (!browser.isProvider(next)) {
        callback = next
        break
      }
      page = await browser.navigate(next)
      continue
    }
    const action = new URL(form.action || page.url.href, page.url)
    const fields = fillForm(form, answers)
    if (!browser.isProvider(action)) {
      // A form posting the response to the client (response_mode=form_post, or a "Continue" button): read it.
      callback = action
      for (const [name, value] of fields) callback.searchParams.append(name, value)
      break
    }
    if (form.method === 'POST') page = await browser.navigate(action, { method: 'POST', form: fields })
    else {
      for (const [name, value] of fields) action.searchParams.append(name, value)
      page = await browser.navigate(action)
    }
  }
  pages.push('(client callback)')

  const error = callback.searchParams.get('error')
  if (error) throw new ProtocolError(`the provider answered the client with ${error}: ${callback.searchParams.get('error_description') ?? ''}`)
  if (callback.searchParams.get('state') !== state) throw new ProtocolError('the state came back changed')
  const code = callback.searchParams.get('code')
  if (!code) throw new ProtocolError(`no code in the callback ${callback.origin}${callback.pathname}`)

  const tokens = await tokenRequest(issuer, client, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier })
  if (!tokens.id_token) throw new ProtocolError('no ID token')
  const claims = decodeJwtPayload(tokens.id_token)
  if (claims.nonce !== nonce) throw new ProtocolError('the ID token has the wrong nonce')
  if (typeof claims.sub !== 'string') throw new ProtocolError('the ID token has no sub')
  return { sub: claims.sub, tokens, pages }
}

/** The userinfo answer must be about the person the ID token named, with the email they signed in with. */
export async function checkUserinfo(issuer: string, signedIn: SignedIn, email: string): Promise<Record<string, unknown>> {
  const claims = await userinfo(issuer, signedIn.tokens.access_token)
  if (claims.sub !== signedIn.sub) throw new ProtocolError('userinfo is about someone else')
  if (typeof claims.email === 'string' && claims.email.toLowerCase() !== email.toLowerCase()) throw new ProtocolError('userinfo has another email address')
  return claims
}
