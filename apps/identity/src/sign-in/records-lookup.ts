import type { UserRow } from '../database/schema.ts'
import type { PersonDetailsForMatching } from '../teaching-records/records-client.ts'
import type { SignInDependencies } from './dependencies.ts'
import { findAccountLike } from './existing-account/find-account.ts'
import { lookupAnsweredAfter, type RecordLookup, type SignInState, type SignInStep } from './journey.ts'
import type { JourneyData } from './journey-store.ts'

/** Everything the person has told us that the matcher uses, including their verified email. */
export function matchDetails(state: SignInState): PersonDetailsForMatching | undefined {
  const { answers } = state
  if (!answers.firstName || !answers.lastName || !answers.dateOfBirth) return undefined
  return {
    firstName: answers.firstName,
    ...(answers.middleName ? { middleName: answers.middleName } : {}),
    lastName: answers.lastName,
    dateOfBirth: answers.dateOfBirth,
    ...(answers.hasNationalInsuranceNumber && answers.nationalInsuranceNumber ? { nationalInsuranceNumber: answers.nationalInsuranceNumber } : {}),
    ...(answers.hasTrn && answers.trn ? { trn: answers.trn } : {}),
    ...(answers.email && answers.emailVerified ? { email: answers.email } : {}),
  }
}

export type Reconsidered = { state: SignInState; changes: Partial<JourneyData> }

/**
 * Asks the teaching record matcher again when something it uses has changed (or it could not answer last time).
 * A match stops the remaining questions after `answered`. When the matcher cannot be reached the person carries on
 * as if nothing matched so far: they are never stopped by our outage.
 */
export async function lookUpRecord(dependencies: SignInDependencies, data: JourneyData, state: SignInState, answered: SignInStep): Promise<Reconsidered> {
  const details = state.asksForTrn ? matchDetails(state) : undefined
  if (!details) return { state, changes: {} }
  const query = JSON.stringify(details)
  if (query === data.lookupQuery && !data.lookupUnavailable && state.lookup) return { state, changes: {} }

  const answer = await dependencies.records.match(details)
  if (answer.outcome === 'unavailable') {
    dependencies.logger.warn({ reason: answer.reason }, 'teaching record matcher unavailable; carrying on without a match')
    return { state: { ...state, lookup: { outcome: 'none' } }, changes: { lookupUnavailable: true, lookupQuery: query } }
  }
  const lookup: RecordLookup =
    answer.outcome === 'match'
      ? { outcome: 'match', trn: answer.trn, after: lookupAnsweredAfter(state, answered), agreedFields: answer.agreedFields }
      : answer.outcome === 'possible'
        ? { outcome: 'possible', candidates: answer.candidates.map(({ trn, score, reasons }) => ({ trn, score, reasons: [...reasons] })) }
        : { outcome: answer.outcome }
  return { state: { ...state, lookup }, changes: { lookupUnavailable: false, lookupQuery: query } }
}

/** After a name or date of birth: is there an account like this person's already (under another email)? */
export async function withAccountLike(dependencies: SignInDependencies, state: SignInState): Promise<SignInState> {
  const found = await findAccountLike(dependencies.db, state.answers)
  if (!found) return { ...state, existingAccount: undefined }
  const previous = state.existingAccount?.sub === found.sub ? state.existingAccount : undefined
  return { ...state, existingAccount: { ...found, ...(previous?.isTheirs !== undefined ? { isTheirs: previous.isTheirs } : {}) } }
}

/**
 * What every page asking for a personal detail does after saving the answer. A record found linked to another account
 * at check answers is forgotten: the changed answers may find another, and check answers looks again.
 */
export async function reconsider(dependencies: SignInDependencies, data: JourneyData, state: SignInState, answered: SignInStep): Promise<Reconsidered> {
  const changed = { ...state, trnOwner: undefined }
  const checked = answered === 'name' || answered === 'date-of-birth' ? await withAccountLike(dependencies, changed) : changed
  return lookUpRecord(dependencies, data, checked, answered)
}

/**
 * Someone signing in to a service that asks for their teaching record, with an account whose record was never looked
 * up (made through a service that did not ask): the record questions are asked for it, starting from what the account
 * knows (name, date of birth, email), which may find the record at once. undefined when there is nothing to ask: the
 * account has a TRN or was looked up before, or lacks the name and date of birth a lookup needs.
 */
export async function startAccountRecordQuestions(dependencies: SignInDependencies, data: JourneyData, state: SignInState, user: UserRow): Promise<Reconsidered | undefined> {
  if (!state.asksForTrn || user.trn !== null || user.trn_lookup_status !== null) return undefined
  if (!user.given_name || !user.family_name || !user.birthdate) return undefined
  const answers = {
    ...state.answers,
    firstName: user.given_name,
    middleName: user.middle_name,
    lastName: user.family_name,
    preferredName: user.preferred_name,
    dateOfBirth: user.birthdate,
  }
  const asked: SignInState = { ...state, answers, existingUserId: user.sub, findingAccountRecord: true, lookup: undefined }
  return lookUpRecord(dependencies, { ...data, lookupQuery: undefined }, asked, 'date-of-birth')
}
