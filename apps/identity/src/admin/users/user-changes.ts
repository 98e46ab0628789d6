// The changes a support agent makes to someone's account. Each runs in one transaction that locks the account, checks
// its current state (a confirmation posted twice changes it once), makes the change, records the event (who, what,
// when, before and after, and why), closes the open support request where the change settles it, and tells client
// services (UserUpdated). Nothing is changed unless all of it is.
import type { Kysely, Transaction } from 'kysely'
import { enqueueEmail } from '../../../../../packages/kit/src/email/email-outbox.ts'
import type { IdentitySchema, UserRow } from '../../database/schema.ts'
import { closeTicket, findOpenTicketForUser } from '../../support-tickets/support-tickets.ts'
import { publishUserEvent } from '../../webhooks/publish.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { recordAdminEvent, staffActor, type StaffActor } from '../shared/events.ts'
import type { CandidateRecord } from '../shared/records.ts'
import { isUuid } from '../schema.ts'
import { liveUsers } from '../../users/users.ts'
import { TRN_LINKED_EMAIL } from './assign-trn/emails.ts'
import { detailsOf, differences, type UserDetails } from '../../users/user-details.ts'

export type ChangeOutcome =
  | { outcome: 'changed'; user: UserRow }
  /** The account was already as asked (a second submit of the same confirmation): nothing was recorded. */
  | { outcome: 'unchanged'; user: UserRow }
  | { outcome: 'not_found' }
  /** The change cannot be made as it is; `message` says why, for the page's error summary. */
  | { outcome: 'refused'; field: string; message: string }

type Trx = Transaction<IdentitySchema>

// A merged account is nobody's: there is nothing to change on it (its page says where it went).
const lockUser = (trx: Trx, sub: string) => liveUsers(trx).selectAll().where('sub', '=', sub).forUpdate().executeTakeFirst()

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

async function otherAccountWithTrn(db: Kysely<IdentitySchema>, trn: string, sub: string): Promise<UserRow | undefined> {
  return liveUsers(db).selectAll().where('trn', '=', trn).where('sub', '<>', sub).executeTakeFirst()
}

export type TrnCheck = { ok: true; record: CandidateRecord } | { ok: false; message: string }

/**
 * Whether a TRN can be linked to this account: the record exists, is not deactivated (or merged into another) and is
 * not linked to another account. Asked of the records service afresh each time.
 */
export async function checkTrnForAssignment(dependencies: Pick<AdminDependencies, 'db' | 'records'>, sub: string, trn: string): Promise<TrnCheck> {
  const lookup = await dependencies.records.lookUp(trn)
  switch (lookup.kind) {
    case 'not_found':
      return { ok: false, message: `There is no teaching record with TRN ${trn}` }
    case 'deactivated':
      return { ok: false, message: `The teaching record with TRN ${trn} has been deactivated: it cannot be linked` }
    case 'merged':
      return { ok: false, message: `TRN ${trn} was merged into TRN ${lookup.survivingTrn}: link TRN ${lookup.survivingTrn} instead` }
    case 'unavailable':
      return { ok: false, message: 'The teaching record service could not be reached, so the TRN could not be checked. Try again in a few minutes' }
    case 'found':
      break
  }
  const other = await otherAccountWithTrn(dependencies.db, trn, sub)
  if (other) return { ok: false, message: `TRN ${trn} is already linked to another account (${other.email})` }
  return { ok: true, record: lookup.record }
}

async function afterChange(trx: Trx, dependencies: AdminDependencies, before: UserRow, after: UserRow): Promise<void> {
  await publishUserEvent(trx, { type: 'UserUpdated', before, after }, dependencies.clock)
}

/**
 * Links the record: the TRN, status Found, verified to `medium` (a person checked it), and the record's names become
 * the account's. Closes the person's open support request and emails them that their record is linked.
 */
export async function assignTrn(
  dependencies: AdminDependencies,
  staff: StaffActor,
  sub: string,
  input: { record: CandidateRecord; reason: string },
): Promise<ChangeOutcome> {
  if (!isUuid(sub)) return { outcome: 'not_found' }
  const { record } = input
  const now = dependencies.clock.now()
  try {
    return await dependencies.db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
      const before = await lockUser(trx, sub)
      if (!before) return { outcome: 'not_found' }
      if (before.trn === record.trn && before.trn_lookup_status === 'Found') return { outcome: 'unchanged', user: before }
      const other = await otherAccountWithTrn(trx, record.trn, sub)
      if (other) return { outcome: 'refused', field: 'trn', message: `TRN ${record.trn} is already linked to another account (${other.email})` }
      const after = await trx
        .updateTable('users')
        .set({
          trn: record.trn,
          trn_lookup_status: 'Found',
          trn_verification_level: 'medium',
          given_name: record.firstName,
          middle_name: record.middleName || null,
          family_name: record.lastName,
          updated_at: now,
        })
        .where('sub', '=', sub)
        .returningAll()
        .executeTakeFirstOrThrow()
      const ticket = await findOpenTicketForUser(trx, sub)
      if (ticket) await closeTicket(trx, ticket.id, { by: staffActor(staff), outcome: 'trn_assigned', trn: record.trn }, dependencies.clock)
      await recordAdminEvent(trx, {
        type: 'user_trn_assigned',
        by: staff,
        userSub: sub,
        occurredAt: now,
        details: { reason: input.reason, ...differences(detailsOf(before), detailsOf(after)), ...(ticket ? { ticketId: ticket.id } : {}) },
      })
      await afterChange(trx, dependencies, before, after)
      await enqueueEmail(trx, { to: after.email, template: TRN_LINKED_EMAIL, personalisation: { name: after.preferred_name ?? after.given_name ?? 'teacher', trn: record.trn } }, dependencies.clock)
      return { outcome: 'changed', user: after }
    })
  } catch (error) {
    // Another account took the TRN between the check and the write.
    if (isUniqueViolation(error)) return { outcome: 'refused', field: 'trn', message: `TRN ${record.trn} is already linked to another account` }
    throw error
  }
}

/**
 * "This person has no TRN" (None) or "we could not find their record" (Failed): for an account with no TRN linked.
 * Closes their open support request (outcome no_trn).
 */
export async function setLookupStatus(
  dependencies: AdminDependencies,
  staff: StaffActor,
  sub: string,
  input: { status: 'None' | 'Failed'; reason: string },
): Promise<ChangeOutcome> {
  if (!isUuid(sub)) return { outcome: 'not_found' }
  const now = dependencies.clock.now()
  return dependencies.db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const before = await lockUser(trx, sub)
    if (!before) return { outcome: 'not_found' }
    if (before.trn) return { outcome: 'refused', field: 'reason', message: `This account is linked to TRN ${before.trn}, so its lookup status cannot be changed` }
    if (before.trn_lookup_status === input.status) return { outcome: 'unchanged', user: before }
    const after = await trx.updateTable('users').set({ trn_lookup_status: input.status, updated_at: now }).where('sub', '=', sub).returningAll().executeTakeFirstOrThrow()
    const ticket = await findOpenTicketForUser(trx, sub)
    if (ticket) await closeTicket(trx, ticket.id, { by: staffActor(staff), outcome: 'no_trn' }, dependencies.clock)
    await recordAdminEvent(trx, {
      type: 'user_trn_lookup_status_changed',
      by: staff,
      userSub: sub,
      occurredAt: now,
      details: { reason: input.reason, ...differences(detailsOf(before), detailsOf(after)), ...(ticket ? { ticketId: ticket.id } : {}) },
    })
    await afterChange(trx, dependencies, before, after)
    return { outcome: 'changed', user: after }
  })
}

export type DetailCorrections = Pick<UserDetails, 'email' | 'firstName' | 'middleName' | 'lastName' | 'preferredName' | 'dateOfBirth'>

/** Corrects names, date of birth and email address; only what differs is changed and recorded. */
export async function correctDetails(
  dependencies: AdminDependencies,
  staff: StaffActor,
  sub: string,
  input: { details: DetailCorrections; reason: string },
): Promise<ChangeOutcome> {
  if (!isUuid(sub)) return { outcome: 'not_found' }
  const now = dependencies.clock.now()
  const { details } = input
  try {
    return await dependencies.db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
      const before = await lockUser(trx, sub)
      if (!before) return { outcome: 'not_found' }
      const wanted: UserDetails = { ...detailsOf(before), ...details }
      const changes = differences(detailsOf(before), wanted)
      if (Object.keys(changes.after).length === 0) return { outcome: 'unchanged', user: before }
      if (changes.after.email !== undefined && changes.after.email.toLowerCase() !== before.email.toLowerCase()) {
        const owner = await liveUsers(trx)
          .select('sub')
          .where((where) => where(where.fn('lower', ['email']), '=', details.email.toLowerCase()))
          .where('sub', '<>', sub)
          .executeTakeFirst()
        if (owner) return { outcome: 'refused', field: 'email', message: 'Another account already uses this email address' }
      }
      const after = await trx
        .updateTable('users')
        .set({
          email: wanted.email,
          given_name: wanted.firstName,
          middle_name: wanted.middleName,
          family_name: wanted.lastName,
          preferred_name: wanted.preferredName,
          birthdate: wanted.dateOfBirth,
          updated_at: now,
        })
        .where('sub', '=', sub)
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordAdminEvent(trx, { type: 'user_details_corrected', by: staff, userSub: sub, occurredAt: now, details: { reason: input.reason, ...changes } })
      await afterChange(trx, dependencies, before, after)
      return { outcome: 'changed', user: after }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'refused', field: 'email', message: 'Another account already uses this email address' }
    throw error
  }
}
