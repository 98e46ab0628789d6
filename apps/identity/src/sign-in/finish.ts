import type { Transaction, Updateable } from 'kysely'
import type { IdentitySchema, UserRow, UsersTable } from '../database/schema.ts'
import { recordEvent } from '../events/record-event.ts'
import type { TeachingRecordSummary } from '../teaching-records/records-client.ts'
import { detailsOf, differences } from '../users/user-details.ts'
import { findUserBySub, liveUsers } from '../users/users.ts'
import { publishUserEvent } from '../webhooks/publish.ts'
import type { SignInDependencies } from './dependencies.ts'
import type { SignInState } from './journey.ts'
import type { JourneyClient, JourneyData } from './journey-store.ts'
import { journeyExpired, type Alongside, type StepContext } from './steps.ts'

export type Access = NonNullable<JourneyData['finished']>['access']

/**
 * May this person go on to the service? Only services that block prohibited teachers ask; `unknown` when the records
 * service cannot say, which keeps them waiting rather than letting them through unchecked or turning them away.
 */
export async function accessFor(dependencies: SignInDependencies, client: JourneyClient, trn: string | null, known?: TeachingRecordSummary | null): Promise<Access> {
  if (!client.blockProhibitedTeachers || !trn) return 'allowed'
  const record = known ?? (await dependencies.records.getRecord(trn))
  if (!record) return 'unknown'
  return record.hasOpenProhibition ? 'blocked' : 'allowed'
}

/** The journey ends signed in to an account that already exists; the completion page comes next. */
export async function finishSignedIn(dependencies: SignInDependencies, context: StepContext, state: SignInState, userSub: string, alongside?: Alongside): Promise<void> {
  const { client } = context.data
  // Only a service that blocks prohibited teachers needs the person's TRN here.
  const trn = client.blockProhibitedTeachers ? ((await findUserBySub(dependencies.db, userSub))?.trn ?? null) : null
  const access = await accessFor(dependencies, client, trn)
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
