import type { TeachingRecordSummary } from '../teaching-records/records-client.ts'
import { findUserBySub } from '../users/users.ts'
import type { SignInDependencies } from './dependencies.ts'
import type { SignInState } from './journey.ts'
import type { JourneyClient, JourneyData } from './journey-store.ts'
import type { Alongside, StepContext } from './steps.ts'

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
