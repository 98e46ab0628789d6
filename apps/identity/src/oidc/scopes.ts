/** The OpenID Connect scopes and the claims each one releases. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_name', 'birthdate', 'previous_user_id'],
  trn: ['trn', 'trn_lookup_status'],
} as const

export const OIDC_SCOPES = ['openid', 'email', 'profile', 'trn', 'offline_access'] as const

/**
 * The one API this provider issues access tokens for today: the identity service's own client API (users, TRN tokens),
 * for service-to-service calls with client_credentials. Its access tokens are JWTs that the API verifies with the JWKS.
 */
export const IDENTITY_API_SCOPES = ['user:read', 'user:write', 'trn_token:write'] as const

export const ALL_SCOPES: readonly string[] = [...OIDC_SCOPES, ...IDENTITY_API_SCOPES]

export function isOidcScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope)
}

export function isApiScope(scope: string): boolean {
  return (IDENTITY_API_SCOPES as readonly string[]).includes(scope)
}

/** The resource indicator (RFC 8707) and audience of the identity API's access tokens. */
export function identityApiResource(issuer: string): string {
  return `${issuer}/api`
}
