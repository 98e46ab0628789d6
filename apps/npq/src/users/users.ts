import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { TRN_LOOKUP_STATUSES, type NpqSchema, type TrnLookupStatus, type User } from '../database/schema.ts'
import type { IdentityClaims } from '../sign-in/identity-client.ts'

/** The details we keep, as the identity service's claims describe them. */
export function detailsFromClaims(claims: IdentityClaims) {
  const status: TrnLookupStatus = TRN_LOOKUP_STATUSES.find((known) => known === claims.trn_lookup_status) ?? 'None'
  const trn = claims.trn && /^\d{7}$/.test(claims.trn) ? claims.trn : null
  const fullName = claims.name?.trim() || [claims.given_name, claims.family_name].filter(Boolean).join(' ').trim() || claims.email
  return {
    email: claims.email,
    full_name: fullName,
    preferred_name: claims.preferred_name?.trim() || null,
    date_of_birth: claims.birthdate && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : null,
    trn,
    trn_lookup_status: status,
    // Only a TRN the identity service found is one we rely on (and ever show a provider).
    trn_verified: trn !== null && status === 'Found',
  }
}

/**
 * The person who has just signed in, created on their first visit. Keyed by the identity service's `sub`, so coming
 * back (or registering again) always lands on the same account; their details are refreshed from the claims.
 */
export async function signedInUser(db: Kysely<NpqSchema>, claims: IdentityClaims, clock: Clock): Promise<User> {
  const details = detailsFromClaims(claims)
  const now = clock.now()
  return db
    .insertInto('users')
    .values({ sub: claims.sub, ...details, identity_updated_at: now, created_at: now, updated_at: now })
    .onConflict((conflict) => conflict.column('sub').doUpdateSet({ ...details, identity_updated_at: now, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findUser(db: Kysely<NpqSchema>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}
