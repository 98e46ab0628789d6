import type { UserRow } from '../database/schema.ts'
import type { PersonDetailsForMatching } from '../teaching-records/records-client.ts'
import { trnQuestionsFor } from '../users/claims.ts'
import type { SignInDependencies } from './dependencies.ts'
import { findAccountLike } from './existing-account/find-account.ts'
import { lookupAnsweredAfter, type RecordLookup, type SignInAnswers, type SignInState, type SignInStep } from './journey.ts'
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
  if (!state.asksForTrn || trnQuestionsFor(user, state.matchPolicy) !== 'record') return undefined
  const asked: SignInState = { ...state, answers: { ...state.answers, ...accountAnswers(user) }, existingUserId: user.sub, findingAccountRecord: true, lookup: undefined }
  return lookUpRecord(dependencies, { ...data, lookupQuery: undefined }, asked, 'date-of-birth')
}

/**
 * A service with the strict match policy meets an account whose TRN is verified only to the low level: the person is
 * asked for their NI number and TRN to verify it (elevate/), or undefined when the TRN needs no more checks.
 */
export function startElevation(state: SignInState, user: UserRow): SignInState | undefined {
  if (!state.asksForTrn || trnQuestionsFor(user, state.matchPolicy) !== 'verification') return undefined
  return { ...state, answers: { ...state.answers, ...accountAnswers(user) }, existingUserId: user.sub, elevating: true }
}

/** What the account says of the person, as the journey's answers: what the matcher is sent along with new answers. */
function accountAnswers(user: UserRow): SignInAnswers {
  return {
    firstName: user.given_name ?? undefined,
    middleName: user.middle_name,
    lastName: user.family_name ?? undefined,
    preferredName: user.preferred_name,
    dateOfBirth: user.birthdate ?? undefined,
  }
}
