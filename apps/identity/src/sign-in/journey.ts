import { walk, type StepGraph } from '../../../../packages/kit/src/journeys/step-graph.ts'
import { isInstitutionAddress } from './institution-email/institution-address.ts'

// The sign-in and registration journey as a step graph: who is asked what, in which order, and when the teaching
// record questions stop because the record has been found.

export type SignInStep =
  | 'email'
  | 'email-code'
  | 'institution-email'
  | 'name'
  | 'preferred-name'
  | 'date-of-birth'
  | 'has-ni-number'
  | 'ni-number'
  | 'has-trn'
  | 'trn'
  | 'has-qts'
  | 'itt-provider'
  | 'existing-account'
  | 'existing-account-code'
  | 'check-answers'
  | 'trn-in-use'
  | 'choose-email'
  | 'elevate/landing'
  | 'elevate/ni-number'
  | 'elevate/trn'
  | 'elevate/check-answers'
  | 'complete'

/** One record the matcher thought could be the person's, kept for the helpdesk ticket a Pending lookup raises. */
export type LookupCandidate = { trn: string; score: number; reasons: string[] }

/** The matcher's answer, and the question after which it was given (a match stops the questions from there on). */
export type RecordLookup =
  | { outcome: 'match'; trn: string; after: SignInStep; agreedFields?: string[] }
  | { outcome: 'possible'; candidates: LookupCandidate[] }
  | { outcome: 'none' }

export type SignInAnswers = {
  email?: string
  emailVerified?: boolean
  firstName?: string
  middleName?: string | null
  lastName?: string
  /** null: use the full name. */
  preferredName?: string | null
  dateOfBirth?: string
  hasNationalInsuranceNumber?: boolean
  /** null: "I don't know it". */
  nationalInsuranceNumber?: string | null
  hasTrn?: boolean
  /** null: "I don't know it". */
  trn?: string | null
  hasQts?: boolean
  /** null: not given. */
  ittProvider?: string | null
}

export type SignInState = {
  answers: SignInAnswers
  /** The client asked for the `trn` scope, so the teaching record questions are asked. */
  asksForTrn: boolean
  /** The client's match policy: `strict` clients need a TRN and NI number, so QTS questions are not asked. */
  matchPolicy: 'default' | 'strict'
  /** The address looks like a shared mailbox, and the person registering chose to use it all the same. */
  institutionAddressKept?: boolean
  /** The verified email belongs to an account already. */
  existingUserId?: string
  /**
   * That account's teaching record has never been looked up and this client asks for it: the record questions are
   * asked for the account (its name and date of birth are already known) before the person is signed in.
   */
  findingAccountRecord?: boolean
  /**
   * That account's TRN is verified only to the low level and this client's match policy is strict: the person is asked
   * for their NI number and TRN to verify it to the medium level (`elevation` is how that ended).
   */
  elevating?: boolean
  /** They read why we need more details and chose to go on. */
  elevationStarted?: boolean
  elevation?: 'verified' | 'not_verified'
  /** The matcher's latest answer. */
  lookup?: RecordLookup
  /** Set once the account is created or signed in; the journey is then over. */
  signedInUserId?: string
  /**
   * Someone registering has the first name (or a nickname of it), last name and date of birth of this account, which
   * has another email address. `isTheirs` is their answer to "Is this your account?", `verified` set once they have
   * typed the code sent to that account's address.
   */
  existingAccount?: { sub: string; email: string; isTheirs?: boolean; verified?: boolean }
  /** The record found is linked to this account already: the person proves they can read its email to use it. */
  trnOwner?: { sub: string; email: string; verified?: boolean }
}

export const RECORD_QUESTIONS: readonly SignInStep[] = ['date-of-birth', 'has-ni-number', 'ni-number', 'has-trn', 'trn', 'has-qts', 'itt-provider']

/** The next teaching record question after `answered`, or check answers if the record was found by then. */
function unlessFound(state: SignInState, answered: SignInStep, next: SignInStep): SignInStep {
  const lookup = state.lookup
  if (lookup?.outcome !== 'match') return next
  return RECORD_QUESTIONS.indexOf(answered) >= RECORD_QUESTIONS.indexOf(lookup.after) ? 'check-answers' : next
}

function afterDateOfBirth(state: SignInState): SignInStep {
  return state.asksForTrn ? unlessFound(state, 'date-of-birth', 'has-ni-number') : 'check-answers'
}

export const signInJourney: StepGraph<SignInStep, SignInState> = {
  start: 'email',
  next(step, state) {
    const { answers } = state
    switch (step) {
      case 'email':
        return 'email-code'
      case 'email-code':
        if (!state.existingUserId) return answers.email && isInstitutionAddress(answers.email) ? 'institution-email' : 'name'
        if (state.findingAccountRecord) return afterDateOfBirth(state)
        return state.elevating ? 'elevate/landing' : 'complete'
      case 'elevate/landing':
        return 'elevate/ni-number'
      case 'elevate/ni-number':
        return 'elevate/trn'
      case 'elevate/trn':
        return 'elevate/check-answers'
      case 'elevate/check-answers':
        return 'complete'
      case 'institution-email':
        return 'name'
      case 'name':
        return 'preferred-name'
      case 'preferred-name':
        return 'date-of-birth'
      case 'date-of-birth':
        return state.existingAccount ? 'existing-account' : afterDateOfBirth(state)
      case 'existing-account':
        return state.existingAccount?.isTheirs ? 'existing-account-code' : afterDateOfBirth(state)
      case 'existing-account-code':
        return 'complete'
      case 'has-ni-number':
        return answers.hasNationalInsuranceNumber ? 'ni-number' : unlessFound(state, step, 'has-trn')
      case 'ni-number':
        return unlessFound(state, step, 'has-trn')
      case 'has-trn':
        return answers.hasTrn ? 'trn' : unlessFound(state, step, state.matchPolicy === 'strict' ? 'check-answers' : 'has-qts')
      case 'trn':
        return unlessFound(state, step, state.matchPolicy === 'strict' ? 'check-answers' : 'has-qts')
      case 'has-qts':
        return answers.hasQts ? 'itt-provider' : 'check-answers'
      case 'itt-provider':
        return 'check-answers'
      case 'check-answers':
        return state.trnOwner ? 'trn-in-use' : 'complete'
      case 'trn-in-use':
        return 'choose-email'
      case 'choose-email':
        return 'complete'
      case 'complete':
        return null
    }
  },
  isAnswered(step, state) {
    const { answers } = state
    switch (step) {
      case 'email':
        return answers.email !== undefined
      case 'email-code':
        return answers.emailVerified === true
      case 'institution-email':
        return state.institutionAddressKept === true
      case 'name':
        return answers.firstName !== undefined && answers.lastName !== undefined
      case 'preferred-name':
        return answers.preferredName !== undefined
      case 'date-of-birth':
        return answers.dateOfBirth !== undefined
      case 'has-ni-number':
        return answers.hasNationalInsuranceNumber !== undefined
      case 'ni-number':
        return answers.nationalInsuranceNumber !== undefined
      case 'has-trn':
        return answers.hasTrn !== undefined
      case 'trn':
        return answers.trn !== undefined
      case 'has-qts':
        return answers.hasQts !== undefined
      case 'itt-provider':
        return answers.ittProvider !== undefined
      case 'existing-account':
        return state.existingAccount?.isTheirs !== undefined
      case 'existing-account-code':
        return state.existingAccount?.verified === true
      case 'check-answers':
        return state.signedInUserId !== undefined || state.trnOwner !== undefined
      case 'trn-in-use':
        return state.trnOwner?.verified === true
      case 'choose-email':
        return state.signedInUserId !== undefined
      case 'elevate/landing':
        return state.elevationStarted === true
      case 'elevate/ni-number':
        return typeof answers.nationalInsuranceNumber === 'string'
      case 'elevate/trn':
        return typeof answers.trn === 'string'
      case 'elevate/check-answers':
        return state.signedInUserId !== undefined
      case 'complete':
        return false
    }
  },
}

/** How the lookup ends for the account (reference: 1 match Found; unsure, or sure they have a TRN or QTS, Pending; else None). */
export function trnLookupStatus(state: SignInState): 'Found' | 'Pending' | 'None' {
  if (state.lookup?.outcome === 'match') return 'Found'
  if (state.lookup?.outcome === 'possible') return 'Pending'
  const { answers } = state
  if ((answers.hasTrn && answers.trn) || answers.hasQts) return 'Pending'
  return 'None'
}

/**
 * The teaching record question a new lookup answer belongs after: the one just answered, or, when a detail asked
 * before them changed (a name, from check answers), the last record question on the person's path, so a match skips
 * only what comes after what they have already told us.
 */
export function lookupAnsweredAfter(state: SignInState, answered: SignInStep): SignInStep {
  if (RECORD_QUESTIONS.includes(answered)) return answered
  const onPath = walk(signInJourney, state).filter((step) => RECORD_QUESTIONS.includes(step) && signInJourney.isAnswered(step, state))
  return onPath.at(-1) ?? 'date-of-birth'
}
