import type { TrnLookupStatus, TrnMatchPolicy, UserRow } from '../database/schema.ts'

export type UserClaims = {
  sub: string
  email: string
  email_verified: boolean
  name?: string
  given_name?: string
  family_name?: string
  preferred_name?: string
  birthdate?: string
  trn?: string
  trn_lookup_status?: string
  /** The accounts merged into this one: a client that knew the person by one of them knows it is the same person. */
  previous_user_id?: string[]
}

export type ClaimSource = Pick<
  UserRow,
  'sub' | 'email' | 'email_verified' | 'given_name' | 'middle_name' | 'family_name' | 'preferred_name' | 'birthdate' | 'trn' | 'trn_lookup_status' | 'trn_verification_level'
> & { merged_user_ids: string[] }

/**
 * Every claim we hold about a person, as a client with this match policy may see it (`trnAsSeenBy`); oidc-provider
 * then keeps only the claims of the scopes granted.
 */
export function claimsFor(user: ClaimSource, policy: TrnMatchPolicy): UserClaims {
  const name = [user.given_name, user.middle_name, user.family_name].filter(Boolean).join(' ')
  const claims: UserClaims = { sub: user.sub, email: user.email, email_verified: user.email_verified }
  if (name) claims.name = name
  if (user.given_name) claims.given_name = user.given_name
  if (user.family_name) claims.family_name = user.family_name
  if (user.preferred_name) claims.preferred_name = user.preferred_name
  if (user.birthdate) claims.birthdate = user.birthdate
  if (user.merged_user_ids.length > 0) claims.previous_user_id = user.merged_user_ids
  const { trn, trnLookupStatus } = trnAsSeenBy(user, policy)
  if (trn) claims.trn = trn
  if (trnLookupStatus) claims.trn_lookup_status = trnLookupStatus
  return claims
}

/**
 * What the sign-in journey still has to ask this person before a client asking for `trn` with this match policy can
 * have it: the record questions for an account whose record was never looked up (and which has the name and date of
 * birth a lookup needs), the NI number and TRN for a strict client that cannot trust a TRN verified to the low level
 * only; null when nothing.
 */
export function trnQuestionsFor(
  user: Pick<UserRow, 'given_name' | 'family_name' | 'birthdate' | 'trn' | 'trn_lookup_status' | 'trn_verification_level'>,
  policy: TrnMatchPolicy,
): 'record' | 'verification' | null {
  if (user.trn === null) return user.trn_lookup_status === null && user.given_name && user.family_name && user.birthdate ? 'record' : null
  return policy === 'strict' && user.trn_verification_level !== 'medium' ? 'verification' : null
}

/**
 * The person's TRN and lookup status as a client with this match policy may know them, in claims and in webhooks
 * alike. A strict client only trusts a TRN verified to the medium level (date of birth, TRN and NI number matched):
 * until then it gets no TRN and is told the lookup is `Pending`, because more checks are needed.
 */
export function trnAsSeenBy(
  user: Pick<UserRow, 'trn' | 'trn_lookup_status' | 'trn_verification_level'>,
  policy: TrnMatchPolicy,
): { trn: string | null; trnLookupStatus: TrnLookupStatus | null } {
  const trusted = user.trn !== null && (policy === 'default' || user.trn_verification_level === 'medium')
  if (user.trn !== null && !trusted) return { trn: null, trnLookupStatus: 'Pending' }
  return { trn: user.trn, trnLookupStatus: user.trn_lookup_status }
}
