import { createRemoteJWKSet, jwtVerify } from 'jose'
import * as oidc from 'openid-client'

export const IDENTITY_SCOPES = 'openid email profile trn'

/** What the identity service tells us about the person (ID token and userinfo together). */
export type IdentityClaims = {
  sub: string
  email: string
  name?: string
  given_name?: string
  family_name?: string
  preferred_name?: string
  birthdate?: string
  trn?: string
  trn_lookup_status?: string
}

/** A sign-in sent to the identity service and not yet back: kept in the session until the callback. */
export type PendingSignIn = { codeVerifier: string; state: string; nonce: string }

export type SignedInWithIdentity = { claims: IdentityClaims; idToken: string; sid?: string }

/** The identity service as an OpenID Connect provider, seen through openid-client (PKCE, state, nonce, ID token checks). */
export type IdentityClient = {
  startSignIn(): Promise<{ pending: PendingSignIn; url: URL }>
  completeSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<SignedInWithIdentity>
  signOutUrl(idToken: string | undefined): Promise<URL>
  /** Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.6) and says whose session ended. */
  verifyLogoutToken(token: string): Promise<{ sub?: string; sid?: string }>
}

const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

export class IdentitySignInRefused extends Error {
  readonly error: string
  constructor(error: string, description: string | undefined) {
    super(`the identity service refused the sign-in: ${error}${description ? ` (${description})` : ''}`)
    this.error = error
  }
}

export function createIdentityClient(options: {
  issuer: string
  clientId: string
  clientSecret: string
  /** Where the identity service sends people back: `<base url>/auth/callback` and `<base url>/`. */
  baseUrl: string
  /** http issuers are only for a developer's machine and tests. */
  allowHttp: boolean
}): IdentityClient {
  const redirectUri = `${options.baseUrl}/auth/callback`
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined
  let configuration: Promise<oidc.Configuration> | undefined
  // Discovered once and kept; a failure is not kept, so the next sign-in tries again once the identity service is up.
  const discovered = () =>
    (configuration ??= oidc
      .discovery(new URL(options.issuer), options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), options.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = undefined
        throw error
      }))

  return {
    async startSignIn() {
      const pending = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() }
      const url = oidc.buildAuthorizationUrl(await discovered(), {
        redirect_uri: redirectUri,
        scope: IDENTITY_SCOPES,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      return { pending, url }
    },

    async completeSignIn(callbackUrl, pending) {
      const config = await discovered()
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError) throw new IdentitySignInRefused(error.error, error.error_description)
        throw error
      }
      const idTokenClaims = tokens.claims()
      if (!idTokenClaims || !tokens.id_token) throw new Error('the identity service returned no ID token')
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idTokenClaims.sub)
      const claims = { ...idTokenClaims, ...userinfo } as Record<string, unknown>
      if (typeof claims.email !== 'string') throw new Error('the identity service returned no email claim')
      const sid = typeof idTokenClaims.sid === 'string' ? idTokenClaims.sid : undefined
      return { claims: claims as IdentityClaims, idToken: tokens.id_token, ...(sid ? { sid } : {}) }
    },

    async signOutUrl(idToken) {
      return oidc.buildEndSessionUrl(await discovered(), {
        post_logout_redirect_uri: `${options.baseUrl}/`,
        client_id: options.clientId,
        ...(idToken ? { id_token_hint: idToken } : {}),
      })
    },

    async verifyLogoutToken(token) {
      const metadata = (await discovered()).serverMetadata()
      if (!metadata.jwks_uri) throw new Error('the identity service publishes no keys')
      keys ??= createRemoteJWKSet(new URL(metadata.jwks_uri))
      const { payload } = await jwtVerify(token, keys, {
        issuer: metadata.issuer,
        audience: options.clientId,
        typ: 'logout+jwt',
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '5 minutes',
      })
      const events = payload.events as Record<string, unknown> | undefined
      if (!events || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object') throw new Error('not a back-channel logout token')
      if ('nonce' in payload) throw new Error('a logout token must not carry a nonce')
      const sub = typeof payload.sub === 'string' ? payload.sub : undefined
      const sid = typeof payload.sid === 'string' ? payload.sid : undefined
      if (!sub && !sid) throw new Error('a logout token names a subject or a session')
      return { ...(sub ? { sub } : {}), ...(sid ? { sid } : {}) }
    },
  }
}
