import type { RegistrationState } from '../context.ts'
import { fundingDecision } from '../funding-input.ts'

export const EHCO = 'npq-early-headship-coaching-offer'
export const LEADING_PRIMARY_MATHEMATICS = 'npq-leading-primary-mathematics'
export const SENCO = 'npq-senco'

/** Once the course (and its own questions) are answered: the page that explains the funding outcome. */
export function fundingOutcomeStep(state: RegistrationState): 'possible-funding' | 'ineligible-for-funding' {
  const decision = fundingDecision(state)
  return decision && (decision.funded || decision.subjectToReview) ? 'possible-funding' : 'ineligible-for-funding'
}

/** How someone without funding will pay: the coaching offer asks in its own words. */
export function fundingChoiceStep(state: RegistrationState): 'funding-your-ehco' | 'funding-your-npq' {
  return state.answers.courseIdentifier === EHCO ? 'funding-your-ehco' : 'funding-your-npq'
}
