import type { StepGraph } from '../../../../packages/kit/src/journeys/step-graph.ts'

// The sign-in and registration journey as a step graph: who is asked what, in which order, and when the teaching
// record questions stop because the record has been found.

export type SignInStep =
  | 'email'
  | 'email-code'
  | 'name'
  | 'preferred-name'
  | 'date-of-birth'
  | 'has-ni-number'
  | 'ni-number'
  | 'has-trn'
  | 'trn'
  | 'has-qts'
  | 'itt-provider'
  | 'check-answers'
  | 'complete'

/** The matcher's answer, and the question after which it was given (a match stops the questions from there on). */
export type RecordLookup = { outcome: 'match'; trn: string; after: SignInStep } | { outcome: 'possible' } | { outcome: 'none' }

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
  /** The verified email belongs to an account already. */
  existingUserId?: string
  /** The matcher's latest answer. */
  lookup?: RecordLookup
  /** Set once the account is created or signed in; the journey is then over. */
  signedInUserId?: string
}

const RECORD_QUESTIONS: readonly SignInStep[] = ['date-of-birth', 'has-ni-number', 'ni-number', 'has-trn', 'trn', 'has-qts', 'itt-provider']

/** The next teaching record question after `answered`, or check answers if the record was found by then. */
function unlessFound(state: SignInState, answered: SignInStep, next: SignInStep): SignInStep {
  const lookup = state.lookup
  if (lookup?.outcome !== 'match') return next
  return RECORD_QUESTIONS.indexOf(answered) >= RECORD_QUESTIONS.indexOf(lookup.after) ? 'check-answers' : next
}

export const signInJourney: StepGraph<SignInStep, SignInState> = {
  start: 'email',
  next(step, state) {
    const { answers } = state
    switch (step) {
      case 'email':
        return 'email-code'
      case 'email-code':
        return state.existingUserId ? 'complete' : 'name'
      case 'name':
        return 'preferred-name'
      case 'preferred-name':
        return 'date-of-birth'
      case 'date-of-birth':
        return state.asksForTrn ? unlessFound(state, step, 'has-ni-number') : 'check-answers'
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
      case 'check-answers':
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
