import { isCourseIdentifier, NEW_HEADTEACHER_COURSES } from '../funding/courses.ts'
import { decideFunding, type FundingDecision, type FundingInput, type FundingInstitution } from '../funding/funding-eligibility.ts'
import { PUBLIC_KINDS_OF_NURSERY, SCHOOL_WORK_SETTINGS } from './answers.ts'
import { chosenCohort, chosenCourse, NOT_ON_ANY_LIST, type ChosenEstablishment, type RegistrationState } from './context.ts'

// The facts decideFunding needs, from the answers and what the database says about them. Each fact is read
// only on the branch where the question that gives it is asked, so an answer left over from a branch the
// person has since left (a school, before they said they work in early years) never counts. This mirrors the
// flow's `next` functions rather than walking the flow, because the flow itself asks for the funding decision.

export type Workplace =
  | { kind: 'school'; establishment: ChosenEstablishment }
  | { kind: 'nursery'; establishment: ChosenEstablishment }
  | { kind: 'private_childcare_provider'; urn: string; name: string; lists: ChosenEstablishment['lists'] }

/** The workplace the person chose on their current branch, if they chose one. */
export function chosenWorkplace(state: RegistrationState): Workplace | null {
  const { answers, context } = state
  if (answers.teacherCatchment !== 'england') return null
  const setting = answers.workSetting
  if (setting && SCHOOL_WORK_SETTINGS.includes(setting)) {
    return context.school && context.school.urn === answers.schoolUrn ? { kind: 'school', establishment: context.school } : null
  }
  if (setting !== 'early_years_or_childcare' || !answers.kindOfNursery) return null
  if (PUBLIC_KINDS_OF_NURSERY.includes(answers.kindOfNursery)) {
    return context.nursery && context.nursery.urn === answers.nurseryUrn ? { kind: 'nursery', establishment: context.nursery } : null
  }
  const provider = context.privateChildcareProvider
  if (answers.hasOfstedUrn === 'yes' && provider && provider.urn === answers.privateChildcareProviderUrn) {
    return { kind: 'private_childcare_provider', urn: provider.urn, name: provider.name, lists: provider.lists }
  }
  return null
}

export function fundingInput(state: RegistrationState): FundingInput | null {
  const { answers, context } = state
  const cohort = chosenCohort(state)
  const course = chosenCourse(state)
  if (!cohort || !course || !isCourseIdentifier(course.identifier)) return null
  const worksInEngland = answers.teacherCatchment === 'england'
  const workSetting = answers.workSetting ?? null
  const workplace = chosenWorkplace(state)
  let institution: FundingInstitution | null = null
  if (workplace?.kind === 'school' || workplace?.kind === 'nursery') {
    const { establishment } = workplace
    institution = { kind: 'school', urn: establishment.urn, establishmentTypeCode: establishment.establishmentTypeCode, ukprn: establishment.ukprn }
  } else if (workplace?.kind === 'private_childcare_provider') {
    institution = { kind: 'private_childcare_provider', urn: workplace.urn }
  }
  const lists = workplace === null ? NOT_ON_ANY_LIST : workplace.kind === 'private_childcare_provider' ? workplace.lists : workplace.establishment.lists
  const inAnotherSetting = worksInEngland && workSetting === 'another_setting'
  const employmentType = inAnotherSetting ? (answers.employmentType ?? null) : null
  const leadMentor = employmentType === 'lead_mentor_for_accredited_itt_provider'
  const ittProviderApproved = leadMentor && context.ittProvider !== null && context.ittProvider.legalName === answers.ittProvider && context.ittProvider.approved
  const isHeadteacher = NEW_HEADTEACHER_COURSES.has(course.identifier) && answers.npqhStatus !== 'none' && answers.ehcoHeadteacher === 'yes'
  return {
    cohortFundingMode: cohort.funding,
    courseIdentifier: course.identifier,
    worksInEngland,
    workSetting: worksInEngland ? workSetting : null,
    kindOfNursery: worksInEngland && workSetting === 'early_years_or_childcare' ? (answers.kindOfNursery ?? null) : null,
    institution,
    employmentType,
    ittProviderApproved,
    referredByReturnToTeachingAdviser: worksInEngland && workSetting === 'other' && answers.referredByReturnToTeachingAdviser === 'yes',
    isHeadteacher,
    inFirstFiveYearsOfHeadship: isHeadteacher && answers.ehcoNewHeadteacher === 'yes',
    lists,
    previousApplications: context.earlierApplications,
  }
}

/** The funding decision for the answers so far; null until a cohort and a course offered in it are chosen. */
export function fundingDecision(state: RegistrationState): FundingDecision | null {
  const input = fundingInput(state)
  return input ? decideFunding(input) : null
}

/** How the funding outcome is recorded when the person has read it (answers.fundingSeen). */
export function fundingOutcomeKey(state: RegistrationState): string | null {
  const decision = fundingDecision(state)
  return decision ? `${state.answers.courseIdentifier}:${decision.statusCode}` : null
}
