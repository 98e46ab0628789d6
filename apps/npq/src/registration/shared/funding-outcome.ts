import { courseByIdentifier } from '../../funding/courses.ts'
import { explainFunding, type FundingExplanation } from '../../funding/funding-explanations.ts'
import { chosenCohort, chosenCourse, type RegistrationState } from '../context.ts'
import { fundingDecision, fundingOutcomeKey } from '../funding-input.ts'
import { continueForm, type StepDefinition, type StepId } from '../step.ts'
import { fundingChoiceStep } from './next-steps.ts'

/** What the person is told about their funding, in the words of explainFunding. */
export function fundingExplanation(state: RegistrationState): FundingExplanation | null {
  const decision = fundingDecision(state)
  const course = chosenCourse(state)
  if (!decision || !course) return null
  const courseName = courseByIdentifier(course.identifier)?.fullName ?? course.fullName
  const cohort = chosenCohort(state)
  return explainFunding(decision.statusCode, { courseName, ...(cohort ? { cohortFundingMode: cohort.funding } : {}) })
}

/**
 * possible-funding and ineligible-for-funding: the funding outcome, explained, and Continue. Continuing records
 * which outcome was read, so a later change that alters it shows the page again.
 */
export function fundingOutcomePage(id: 'possible-funding' | 'ineligible-for-funding', title: string, leadsTo: Partial<Record<StepId, string>>): StepDefinition {
  return {
    id,
    title,
    kind: 'information',
    answerKeys: ['fundingSeen'],
    leadsTo,
    next: (state) => (fundingDecision(state)?.funded ? 'choose-your-provider' : fundingChoiceStep(state)),
    isAnswered: (state) => state.answers.fundingSeen !== undefined && state.answers.fundingSeen === fundingOutcomeKey(state),
    view(state) {
      const explanation = fundingExplanation(state)
      return { ...(explanation ? { title: explanation.heading, paragraphs: explanation.paragraphs } : {}) }
    },
    form: continueForm((state) => ({ fundingSeen: fundingOutcomeKey(state) ?? undefined })),
    summary: (state) => [{ key: 'Funding', value: fundingExplanation(state)?.heading ?? '', changeable: false }],
  }
}
