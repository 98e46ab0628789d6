// The changes client services make to a person through the API. Each runs in one transaction that locks the account,
// makes the change, records the event (by `client:<id>`, before and after) and queues UserUpdated for subscribers:
// nothing is changed unless all of it is.
import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import { isUniqueViolation } from '../../admin/users/user-changes.ts'
import { detailsOf, differences } from '../../users/user-details.ts'
import { recordAdminEvent } from '../../admin/shared/events.ts'
import type { IdentitySchema, UserRow } from '../../database/schema.ts'
import { liveUsers } from '../../users/users.ts'
import { publishUserEvent } from '../../webhooks/publish.ts'

export type ApiChangeOutcome =
  | { outcome: 'changed' | 'unchanged'; user: UserRow }
  | { outcome: 'not_found' }
  | { outcome: 'trn_on_another_user' }
  | { outcome: 'already_has_trn'; trn: string }
  | { outcome: 'email_in_use' }

type Trx = Transaction<IdentitySchema>
export type ApiChangeContext = { db: Kysely<IdentitySchema>; clock: Clock; clientId: string }

const lockUser = (trx: Trx, sub: string) => liveUsers(trx).selectAll().where('sub', '=', sub).forUpdate().executeTakeFirst()

async function recordAndPublish(trx: Trx, context: ApiChangeContext, type: 'user_trn_assigned' | 'user_trn_lookup_status_changed' | 'user_details_corrected', before: UserRow, after: UserRow) {
  const now = context.clock.now()
  await recordAdminEvent(trx, { type, by: `client:${context.clientId}`, userSub: after.sub, clientId: context.clientId, occurredAt: now, details: differences(detailsOf(before), detailsOf(after)) })
  await publishUserEvent(trx, { type: 'UserUpdated', before, after }, context.clock)
}

/** A TRN links the record (status Found); null says the lookup failed (status Failed, for an account without a TRN). */
export async function setTrn(context: ApiChangeContext, sub: string, trn: string | null): Promise<ApiChangeOutcome> {
  try {
    return await context.db.transaction().execute(async (trx): Promise<ApiChangeOutcome> => {
      const before = await lockUser(trx, sub)
      if (!before) return { outcome: 'not_found' }
      if (trn === null) {
        if (before.trn) return { outcome: 'already_has_trn', trn: before.trn }
        if (before.trn_lookup_status === 'Failed') return { outcome: 'unchanged', user: before }
        const after = await trx.updateTable('users').set({ trn_lookup_status: 'Failed', updated_at: context.clock.now() }).where('sub', '=', sub).returningAll().executeTakeFirstOrThrow()
        await recordAndPublish(trx, context, 'user_trn_lookup_status_changed', before, after)
        return { outcome: 'changed', user: after }
      }
      if (before.trn === trn && before.trn_lookup_status === 'Found') return { outcome: 'unchanged', user: before }
      if (before.trn && before.trn !== trn) return { outcome: 'already_has_trn', trn: before.trn }
      const other = await liveUsers(trx).select('sub').where('trn', '=', trn).where('sub', '<>', sub).executeTakeFirst()
      if (other) return { outcome: 'trn_on_another_user' }
      const after = await trx
        .updateTable('users')
        // The client service's word, not checked by a person here: the lowest level, as a match from a sign-in would be.
        .set({ trn, trn_lookup_status: 'Found', trn_verification_level: 'low', updated_at: context.clock.now() })
        .where('sub', '=', sub)
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordAndPublish(trx, context, 'user_trn_assigned', before, after)
      return { outcome: 'changed', user: after }
    })
  } catch (error) {
    // Another account took the TRN between the check and the write.
    if (isUniqueViolation(error)) return { outcome: 'trn_on_another_user' }
    throw error
  }
}

export type ApiDetailChanges = { email?: string; firstName?: string; middleName?: string | null; lastName?: string }

/** Only the properties sent apply; a change of address to one another account uses is refused. */
export async function updateDetails(context: ApiChangeContext, sub: string, changes: ApiDetailChanges): Promise<ApiChangeOutcome> {
  try {
    return await context.db.transaction().execute(async (trx): Promise<ApiChangeOutcome> => {
      const before = await lockUser(trx, sub)
      if (!before) return { outcome: 'not_found' }
      const wanted = {
        email: changes.email ?? before.email,
        given_name: changes.firstName ?? before.given_name,
        middle_name: changes.middleName === undefined ? before.middle_name : changes.middleName,
        family_name: changes.lastName ?? before.family_name,
      }
      if (wanted.email === before.email && wanted.given_name === before.given_name && wanted.middle_name === before.middle_name && wanted.family_name === before.family_name) {
        return { outcome: 'unchanged', user: before }
      }
      if (wanted.email.toLowerCase() !== before.email.toLowerCase()) {
        const owner = await liveUsers(trx)
          .select('sub')
          .where((where) => where(where.fn('lower', ['email']), '=', wanted.email.toLowerCase()))
          .where('sub', '<>', sub)
          .executeTakeFirst()
        if (owner) return { outcome: 'email_in_use' }
      }
      const after = await trx.updateTable('users').set({ ...wanted, updated_at: context.clock.now() }).where('sub', '=', sub).returningAll().executeTakeFirstOrThrow()
      await recordAndPublish(trx, context, 'user_details_corrected', before, after)
      return { outcome: 'changed', user: after }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'email_in_use' }
    throw error
  }
}
