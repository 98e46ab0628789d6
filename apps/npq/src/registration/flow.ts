import { walk, type StepGraph } from '../../../../packages/kit/src/journeys/step-graph.ts'
import type { RegistrationAnswers } from './answers.ts'
import type { RegistrationState } from './context.ts'
import { STEP_IDS, type StepDefinition, type StepId } from './step.ts'
import { checkAnswers } from './steps/check-answers/step.ts'
import { chooseAnNpqAndProvider } from './steps/choose-an-npq-and-provider/step.ts'
import { chooseChildcareProvider } from './steps/choose-childcare-provider/step.ts'
import { choosePrivateChildcareProvider } from './steps/choose-private-childcare-provider/step.ts'
import { chooseSchool } from './steps/choose-school/step.ts'
import { chooseYourNpq } from './steps/choose-your-npq/step.ts'
import { chooseYourProvider } from './steps/choose-your-provider/step.ts'
import { courseStartDate } from './steps/course-start-date/step.ts'
import { ehcoHeadteacher } from './steps/ehco-headteacher/step.ts'
import { ehcoNewHeadteacher } from './steps/ehco-new-headteacher/step.ts'
import { ehcoUnavailable } from './steps/ehco-unavailable/step.ts'
import { fundingYourEhco } from './steps/funding-your-ehco/step.ts'
import { fundingYourNpq } from './steps/funding-your-npq/step.ts'
import { haveOfstedUrn } from './steps/have-ofsted-urn/step.ts'
import { ineligibleForFunding } from './steps/ineligible-for-funding/step.ts'
import { ittProvider } from './steps/itt-provider/step.ts'
import { kindOfNursery } from './steps/kind-of-nursery/step.ts'
import { mathsCannotRegister } from './steps/maths-cannot-register/step.ts'
import { mathsEligibilityTeachingForMastery } from './steps/maths-eligibility-teaching-for-mastery/step.ts'
import { mathsUnderstandingOfApproach } from './steps/maths-understanding-of-approach/step.ts'
import { npqhStatus } from './steps/npqh-status/step.ts'
import { possibleFunding } from './steps/possible-funding/step.ts'
import { providerCheck } from './steps/provider-check/step.ts'
import { referredByReturnToTeachingAdviser } from './steps/referred-by-return-to-teaching-adviser/step.ts'
import { schoolNotInEngland } from './steps/school-not-in-england/step.ts'
import { sencoInRole } from './steps/senco-in-role/step.ts'
import { sencoStartDate } from './steps/senco-start-date/step.ts'
import { shareProvider } from './steps/share-provider/step.ts'
import { teacherCatchment } from './steps/teacher-catchment/step.ts'
import { workSetting } from './steps/work-setting/step.ts'
import { yourEmployer } from './steps/your-employer/step.ts'
import { yourEmployment } from './steps/your-employment/step.ts'
import { yourRole } from './steps/your-role/step.ts'

// The registration as a step graph: each step (steps/<url>/step.ts) says, as pure functions of the answers and
// the context loaded for the request, whether it is answered and which step comes next. Which pages may be
// opened, where Back goes and where to resume all follow from walking it (packages/kit/src/journeys/step-graph.ts).

const DEFINITIONS: readonly StepDefinition[] = [
  courseStartDate,
  providerCheck,
  chooseAnNpqAndProvider,
  teacherCatchment,
  workSetting,
  chooseSchool,
  schoolNotInEngland,
  kindOfNursery,
  chooseChildcareProvider,
  haveOfstedUrn,
  choosePrivateChildcareProvider,
  yourEmployment,
  yourRole,
  yourEmployer,
  ittProvider,
  referredByReturnToTeachingAdviser,
  chooseYourNpq,
  npqhStatus,
  ehcoUnavailable,
  ehcoHeadteacher,
  ehcoNewHeadteacher,
  mathsEligibilityTeachingForMastery,
  mathsUnderstandingOfApproach,
  mathsCannotRegister,
  sencoInRole,
  sencoStartDate,
  possibleFunding,
  ineligibleForFunding,
  fundingYourEhco,
  fundingYourNpq,
  chooseYourProvider,
  shareProvider,
  checkAnswers,
]

export const STEPS: Readonly<Record<StepId, StepDefinition>> = Object.fromEntries(DEFINITIONS.map((step) => [step.id, step])) as Record<StepId, StepDefinition>

for (const id of STEP_IDS) if (!STEPS[id]) throw new Error(`the registration flow has no definition for ${id}`)

export const registrationFlow: StepGraph<StepId, RegistrationState> = {
  start: 'course-start-date',
  next: (step, state) => STEPS[step].next(state),
  isAnswered: (step, state) => STEPS[step].isAnswered(state),
}

/** The steps the person has answered on their current path, in order. */
export function answeredPath(state: RegistrationState): StepId[] {
  return walk(registrationFlow, state).filter((step) => registrationFlow.isAnswered(step, state))
}

/**
 * The answers that count: those of the steps answered on the person's current path. An answer to a question on a
 * branch they have since left (their school, before they said they work in early years) is kept in the draft, in
 * case they come back to it, but is never shown or submitted.
 */
export function pathAnswers(state: RegistrationState): RegistrationAnswers {
  const answers: Record<string, unknown> = {}
  for (const step of answeredPath(state)) {
    for (const key of STEPS[step].answerKeys) {
      if (state.answers[key] !== undefined) answers[key] = state.answers[key]
    }
  }
  return answers as RegistrationAnswers
}

/** The path so far ends at check answers: everything on it is answered. */
export function readyToSubmit(state: RegistrationState): boolean {
  return walk(registrationFlow, state).at(-1) === 'check-answers'
}
