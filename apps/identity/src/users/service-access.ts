import type { TrnMatchPolicy, UserRow } from '../database/schema.ts'
import type { RecordsClient, TeachingRecordSummary } from '../teaching-records/records-client.ts'
import { trnAsSeenBy } from './claims.ts'

// Who a client service lets in, from its settings in the clients table: the same rules whether the person has just
// typed their code in the journey or comes with a browser signed in already.

export type ServiceRules = { trnRequired: boolean; blockProhibitedTeachers: boolean }

/** What the client asked of the account: its TRN (the `trn` scope), as its match policy may see it. */
export type TrnRequest = { asksForTrn: boolean; matchPolicy: TrnMatchPolicy }

export type Access = 'allowed' | 'blocked' | 'unknown'

type TrnOfAccount = Pick<UserRow, 'trn' | 'trn_lookup_status' | 'trn_verification_level'>

/**
 * May this person go on to the service? Only services that block prohibited teachers ask; `unknown` when the records
 * service cannot say (or is not there to ask), which keeps them waiting rather than letting them through unchecked or
 * turning them away.
 */
export async function accessFor(
  records: Pick<RecordsClient, 'getRecord'> | undefined,
  client: Pick<ServiceRules, 'blockProhibitedTeachers'>,
  trn: string | null,
  known?: TeachingRecordSummary | null,
): Promise<Access> {
  if (!client.blockProhibitedTeachers || !trn) return 'allowed'
  const record = known ?? (records ? await records.getRecord(trn) : null)
  if (!record) return 'unknown'
  return record.hasOpenProhibition ? 'blocked' : 'allowed'
}

/** The service needs a TRN this person does not have, as the service may see it (a strict one trusts only a medium TRN). */
export function trnMissingFor(client: Pick<ServiceRules, 'trnRequired'>, request: TrnRequest, user: TrnOfAccount): boolean {
  return client.trnRequired && request.asksForTrn && !trnAsSeenBy(user, request.matchPolicy).trn
}

/** The service may have this person (`access`), and they have the TRN it requires: nothing stops them going on. */
export function letsStraightOn(client: Pick<ServiceRules, 'trnRequired'>, request: TrnRequest, user: TrnOfAccount, access: Access): boolean {
  return access === 'allowed' && !trnMissingFor(client, request, user)
}

/**
 * Would the journey let this person straight on to the service? Not when the service needs a TRN they have not got,
 * nor when it blocks prohibited teachers and their record has an open prohibition or cannot be checked now: a browser
 * signed in already is then sent through the journey, whose pages say why. The records service is asked only when
 * the answer depends on it.
 */
export async function mayGoStraightOn(records: Pick<RecordsClient, 'getRecord'> | undefined, client: ServiceRules, request: TrnRequest, user: TrnOfAccount): Promise<boolean> {
  return !trnMissingFor(client, request, user) && letsStraightOn(client, request, user, await accessFor(records, client, user.trn))
}
