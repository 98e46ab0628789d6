import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/maths-eligibility-teaching-for-mastery: Leading primary mathematics needs mastery experience. */
export const mathsEligibilityTeachingForMastery = radioQuestion({
  id: 'maths-eligibility-teaching-for-mastery',
  title: 'Have you taken at least one year of the primary maths Teaching for Mastery programme?',
  hint: 'You need to be able to show that you understand mastery approaches to teaching maths.',
  field: 'mathsEligibilityTeachingForMastery',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if you took at least one year of the primary maths Teaching for Mastery programme',
  summaryKey: 'Teaching for Mastery programme',
  leadsTo: { 'maths-understanding-of-approach': 'no', 'possible-funding': 'yes, funded', 'ineligible-for-funding': 'yes, not funded' },
  next: (state) => (state.answers.mathsEligibilityTeachingForMastery === 'no' ? 'maths-understanding-of-approach' : fundingOutcomeStep(state)),
})
