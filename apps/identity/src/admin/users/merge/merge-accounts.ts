// Merging one person's two accounts: the change itself, in one transaction, as the console's other changes are made
// (user-changes.ts): both accounts locked and checked, the change made, events recorded, client services told.
import type { Kysely } from 'kysely'
import type { IdentitySchema, UserRow } from '../../../database/schema.ts'
import { closeTicket, findOpenTicketForUser, moveOpenTicket } from '../../../support-tickets/support-tickets.ts'
import { publishUserEvent } from '../../../webhooks/publish.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { recordAdminEvent, staffActor, type StaffActor } from '../../shared/events.ts'
import { isUuid } from '../../schema.ts'
import { detailsOf, differences } from '../../../users/user-details.ts'
import { isUniqueViolation } from '../user-changes.ts'
import { CHOICE_MESSAGES, mergedValues, type MergeChoices } from './merge-rules.ts'

export type MergeOutcome =
  | { outcome: 'merged'; kept: UserRow; merged: UserRow }
  /** Already merged into the kept account (a second submit of the same confirmation): nothing was recorded. */
  | { outcome: 'unchanged'; kept: UserRow; merged: UserRow }
  | { outcome: 'not_found' }
  /** It cannot be done as asked; `message` says why, for the page's error summary. */
  | { outcome: 'refused'; field: string; message: string }

/** Both rows, locked in one order whichever account is kept, so two agents merging the same pair cannot deadlock. */
async function lockBoth(trx: Kysely<IdentitySchema>, keptSub: string, mergedSub: string) {
  const rows = await trx.selectFrom('users').selectAll().where('sub', 'in', [keptSub, mergedSub]).orderBy('sub').forUpdate().execute()
  return { kept: rows.find((row) => row.sub === keptSub), merged: rows.find((row) => row.sub === mergedSub) }
}

/** Why these two accounts cannot be merged as they are now, if they cannot. */
export function mergeRefusal(kept: UserRow, merged: UserRow): { field: string; message: string } | undefined {
  if (kept.sub === merged.sub) return { field: 'account', message: 'Choose a different account: an account cannot be merged into itself' }
  if (kept.merged_into) return { field: 'account', message: 'This account has been merged into another account, so nothing can be merged into it' }
  if (merged.merged_into) return { field: 'account', message: `The account ${merged.email} has already been merged into another account` }
  return undefined
}

/**
 * Merges `mergedSub` into `keptSub`. The merged account stops being anyone's account (it keeps its row and history);
 * accounts merged into it earlier now point at the kept one; the kept account takes the chosen email address and TRN.
 * The merged account's open support request moves to the kept account unless that has one already or now has a TRN
 * (then it is closed as `merged`; the kept account's own request is closed too once it has a TRN). Records
 * `user_merged` on the kept account and `user_merged_into` on the other; publishes `UserMerged`, then `UserUpdated` for
 * the kept account if anything a client sees changed.
 */
export async function mergeAccounts(
  dependencies: AdminDependencies,
  staff: StaffActor,
  input: { keptSub: string; mergedSub: string; choices: MergeChoices; reason: string },
): Promise<MergeOutcome> {
  const { keptSub, mergedSub, choices, reason } = input
  if (!isUuid(keptSub) || !isUuid(mergedSub)) return { outcome: 'not_found' }
  const now = dependencies.clock.now()
  const by = staffActor(staff)
  try {
    return await dependencies.db.transaction().execute(async (trx): Promise<MergeOutcome> => {
      const { kept, merged } = await lockBoth(trx, keptSub, mergedSub)
      if (!kept || !merged) return { outcome: 'not_found' }
      if (merged.merged_into === kept.sub && !kept.merged_into) return { outcome: 'unchanged', kept, merged }
      const refusal = mergeRefusal(kept, merged)
      if (refusal) return { outcome: 'refused', ...refusal }
      const result = mergedValues(kept, merged, choices)
      if (!result.ok) return { outcome: 'refused', field: result.missing, message: CHOICE_MESSAGES[result.missing] }

      // The merged account first: its address and TRN are free for the kept account only once it is no one's.
      const mergedAfter = await trx
        .updateTable('users')
        .set({ merged_into: kept.sub, merged_at: now, updated_at: now })
        .where('sub', '=', merged.sub)
        .returningAll()
        .executeTakeFirstOrThrow()
      const earlier = await trx.updateTable('users').set({ merged_into: kept.sub, updated_at: now }).where('merged_into', '=', merged.sub).returning('sub').execute()
      const keptAfter = await trx
        .updateTable('users')
        .set({ ...result.values, updated_at: now })
        .where('sub', '=', kept.sub)
        .returningAll()
        .executeTakeFirstOrThrow()

      const tickets = await settleTickets(trx, dependencies, { kept: keptAfter, merged: mergedAfter, by })
      const changes = differences(detailsOf(kept), detailsOf(keptAfter))
      await recordAdminEvent(trx, {
        type: 'user_merged',
        by: staff,
        userSub: kept.sub,
        occurredAt: now,
        details: { reason, mergedUserId: merged.sub, mergedEmail: merged.email, ...changes, ...(earlier.length ? { alsoRepointed: earlier.map((row) => row.sub) } : {}), ...tickets },
      })
      await recordAdminEvent(trx, {
        type: 'user_merged_into',
        by: staff,
        userSub: merged.sub,
        occurredAt: now,
        details: { reason, keptUserId: kept.sub, keptEmail: keptAfter.email },
      })
      await publishUserEvent(trx, { type: 'UserMerged', masterUserId: kept.sub, mergedUserId: merged.sub }, dependencies.clock)
      await publishUserEvent(trx, { type: 'UserUpdated', before: kept, after: keptAfter }, dependencies.clock)
      return { outcome: 'merged', kept: keptAfter, merged: mergedAfter }
    })
  } catch (error) {
    // Another live account took the chosen address or TRN between the check and the write.
    if (isUniqueViolation(error)) return { outcome: 'refused', field: 'account', message: 'Another account now has this email address or TRN. Nothing was changed' }
    throw error
  }
}

/** The open support requests of the two accounts after the merge; what was done goes into the event. */
async function settleTickets(
  trx: Kysely<IdentitySchema>,
  dependencies: AdminDependencies,
  accounts: { kept: UserRow; merged: UserRow; by: string },
): Promise<{ ticketClosed?: string; ticketMoved?: string; keptTicketClosed?: string }> {
  const { kept, merged, by } = accounts
  const done: { ticketClosed?: string; ticketMoved?: string; keptTicketClosed?: string } = {}
  const keptTicket = await findOpenTicketForUser(trx, kept.sub)
  const mergedTicket = await findOpenTicketForUser(trx, merged.sub)
  if (keptTicket && kept.trn) {
    await closeTicket(trx, keptTicket.id, { by, outcome: 'trn_assigned', trn: kept.trn }, dependencies.clock)
    done.keptTicketClosed = keptTicket.id
  }
  if (!mergedTicket) return done
  if (keptTicket || kept.trn) {
    await closeTicket(trx, mergedTicket.id, { by, outcome: 'merged' }, dependencies.clock)
    done.ticketClosed = mergedTicket.id
  } else {
    await moveOpenTicket(trx, { ticketId: mergedTicket.id, from: merged.sub, to: kept.sub, by }, dependencies.clock)
    done.ticketMoved = mergedTicket.id
  }
  return done
}
