import type { Kysely } from 'kysely'
import { areNicknames } from '../../../../records/src/matching/nicknames.ts'
import { normaliseName } from '../../../../records/src/matching/normalise.ts'
import type { IdentitySchema } from '../../database/schema.ts'
import { liveUsers } from '../../users/users.ts'
import type { SignInAnswers } from '../journey.ts'

export type AccountLike = { sub: string; email: string }

function sameFirstName(a: string | null, b: string): boolean {
  const [first, second] = [normaliseName(a), normaliseName(b)]
  return first !== '' && (first === second || areNicknames(first, second))
}

/**
 * An account that may be this person's already: same date of birth, same last name, and the same first name or a
 * nickname of it (Liz and Elizabeth), under another email address.
 */
export async function findAccountLike(db: Kysely<IdentitySchema>, answers: SignInAnswers): Promise<AccountLike | undefined> {
  const { firstName, lastName, dateOfBirth, email } = answers
  if (!firstName || !lastName || !dateOfBirth) return undefined
  const rows = await liveUsers(db)
    .select(['sub', 'email', 'given_name'])
    .where('birthdate', '=', dateOfBirth)
    .where((eb) => eb(eb.fn('lower', ['family_name']), '=', lastName.trim().toLowerCase()))
    .orderBy('created_at')
    .limit(20)
    .execute()
  const found = rows.find((row) => row.email.toLowerCase() !== email?.toLowerCase() && sameFirstName(row.given_name, firstName))
  return found ? { sub: found.sub, email: found.email } : undefined
}

/** "jane.doe@example.com" → "j•••@example.com": enough for the owner to recognise, too little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '•••'
  return `${email.slice(0, 1)}•••${email.slice(at)}`
}
