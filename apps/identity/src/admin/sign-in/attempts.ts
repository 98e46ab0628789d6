import { randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { IdentitySchema } from '../../database/schema.ts'
import { CODE_LIFETIME_MS } from '../../sign-in/email-code/code-rules.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { findStaffByEmail } from '../staff/staff-users.ts'

// A staff sign-in uses the journey's email codes as they are: a code belongs to a row of `sign_in_journeys` (and goes
// with it when it is pruned), so each staff sign-in attempt is such a row, marked as a staff sign-in. Only the browser
// that started it knows its id (it is in that browser's session), so no teacher journey can ever meet one.

export const STAFF_SIGN_IN = 'staff-sign-in'
const ATTEMPT_LIFETIME_MS = 2 * 60 * 60 * 1000
export const CODE_SERVICE_NAME = 'the DfE Identity support console'

export async function startAttempt(trx: Transaction<IdentitySchema>, dependencies: Pick<AdminDependencies, 'clock'>): Promise<string> {
  const now = dependencies.clock.now()
  const row = await trx
    .insertInto('sign_in_journeys')
    .values({ interaction_uid: STAFF_SIGN_IN, data: JSON.stringify({ staffSignIn: true }), created_at: now, updated_at: now, expires_at: new Date(now.getTime() + ATTEMPT_LIFETIME_MS) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Sends a code to an active member of staff. Anyone else gets exactly the same pages but no email: their attempt holds a
 * code whose hash is random bytes, which no code typed can match, so every code typed is "not correct", counted and
 * limited as a wrong code for a member of staff would be, and the pages never tell whether an address is staff's.
 */
export async function issueCode(trx: Transaction<IdentitySchema>, dependencies: AdminDependencies, attemptId: string, email: string): Promise<void> {
  const staff = await findStaffByEmail(trx, email)
  if (staff?.active) return dependencies.emailCodes.send(trx, attemptId, email, CODE_SERVICE_NAME)
  const now = dependencies.clock.now()
  await trx
    .insertInto('email_codes')
    .values({ journey_id: attemptId, email, code_hash: randomBytes(32).toString('hex'), created_at: now, expires_at: new Date(now.getTime() + CODE_LIFETIME_MS) })
    .execute()
}
