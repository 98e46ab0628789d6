import type { Transaction, Updateable } from 'kysely'
import type { IdentitySchema, UserRow, UsersTable } from '../database/schema.ts'
import { recordEvent } from '../events/record-event.ts'
import { SignInNotFound } from '../interaction/sign-in-seam.ts'
import { accessFor, letsStraightOn, type Access } from '../users/service-access.ts'
import { detailsOf, differences } from '../users/user-details.ts'
import { findUserBySub, liveUsers } from '../users/users.ts'
import { publishUserEvent } from '../webhooks/publish.ts'
import type { SignInDependencies } from './dependencies.ts'
import type { SignInState } from './journey.ts'
import type { JourneyClient } from './journey-store.ts'
import { journeyExpired, type Alongside, type StepContext } from './steps.ts'

/**
 * A person who has only typed the code emailed to them, and may go on, has nothing to read on the completion page: it
 * would say "You've signed in" and what they already know. It is kept for whatever they need to know or do: no TRN for
 * a service that needs one, a lookup someone is still checking, a service they may not use or that we cannot yet say.
 */
export function nothingToTell(
  client: Pick<JourneyClient, 'trnRequired'>,
  state: Pick<SignInState, 'asksForTrn' | 'matchPolicy'>,
  user: Pick<UserRow, 'trn' | 'trn_lookup_status' | 'trn_verification_level'>,
  access: Access,
): boolean {
  return letsStraightOn(client, state, user, access) && !(state.asksForTrn && user.trn_lookup_status === 'Pending')
}

/**
 * A returning person typed the right code and nothing more is asked of them: signed in, and straight back to the
 * service when there is nothing to tell them (as a browser signed in already would be), else the completion page.
 */
export async function finishReturningSignIn(dependencies: SignInDependencies, context: StepContext, state: SignInState, user: UserRow): Promise<void> {
  const { client } = context.data
  const access = await accessFor(dependencies.records, client, user.trn)
  const signedIn = { ...state, signedInUserId: user.sub }
  if (!nothingToTell(client, signedIn, user, access)) return context.advance(signedIn, { finished: { outcome: 'signed-in', access } })
  // Saved first, so the journey's pages lead to its end whatever happens next (Back, a second tab).
  await context.save({ state: signedIn, finished: { outcome: 'signed-in', access } })
  await handingBack(client, () => dependencies.seam.completeSignIn(context.req, context.res, context.journey.interactionUid, { userSub: user.sub, amr: ['otp'] }))
}

/**
 * Hands the person back to the service through the seam (`handBack` answers the request). When the service's request
 * is gone (handed back already by a second click, or expired while they read their email), "This page has expired".
 */
export async function handingBack(client: JourneyClient, handBack: () => Promise<void>): Promise<void> {
  try {
    await handBack()
  } catch (error) {
    if (error instanceof SignInNotFound) throw journeyExpired(client)
    throw error
  }
}

/** The journey ends signed in to an account that already exists; the completion page comes next. */
export async function finishSignedIn(dependencies: SignInDependencies, context: StepContext, state: SignInState, userSub: string, alongside?: Alongside): Promise<void> {
  const { client } = context.data
  // Only a service that blocks prohibited teachers needs the person's TRN here.
  const trn = client.blockProhibitedTeachers ? ((await findUserBySub(dependencies.db, userSub))?.trn ?? null) : null
  const access = await accessFor(dependencies.records, client, trn)
  await context.advance({ ...state, signedInUserId: userSub }, { finished: { outcome: 'signed-in', access } }, alongside)
}

export type AccountRecordChange = {
  sub: string
  client: JourneyClient
  event: 'user_trn_lookup_status_changed' | 'user_trn_verified'
  /** Why, for the account's history: what the person did, and for which service. */
  reason: string
  set: Updateable<UsersTable>
  /** The account as it is now already has the change, or another since (a double submit's twin, the helpdesk). */
  alreadyChanged(account: UserRow): boolean
}

/**
 * Changes the teaching record of the account someone is signing in to, in their journey's transaction: with the account
 * locked, once only, with an event in its history and a UserUpdated webhook. The account after the change, or undefined
 * when there was nothing to change.
 */
export async function changeAccountRecord(trx: Transaction<IdentitySchema>, dependencies: SignInDependencies, change: AccountRecordChange): Promise<UserRow | undefined> {
  const { sub, client } = change
  const before = await liveUsers(trx).selectAll().where('sub', '=', sub).forUpdate().executeTakeFirst()
  // Merged into another account meanwhile: this one is nobody's any more.
  if (!before) throw journeyExpired(client)
  if (change.alreadyChanged(before)) return undefined
  const now = dependencies.clock.now()
  const after = await trx.updateTable('users').set({ ...change.set, updated_at: now }).where('sub', '=', sub).returningAll().executeTakeFirstOrThrow()
  await recordEvent(trx, {
    type: change.event,
    actor: `user:${sub}`,
    userSub: sub,
    clientId: client.clientId,
    occurredAt: now,
    details: { reason: change.reason, ...differences(detailsOf(before), detailsOf(after)) },
  })
  await publishUserEvent(trx, { type: 'UserUpdated', before, after }, dependencies.clock)
  return after
}
