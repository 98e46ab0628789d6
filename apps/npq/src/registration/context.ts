import type { TrnLookupStatus } from '../database/schema.ts'
import type { EligibilityListMemberships, CohortFundingMode, PreviousApplication } from '../funding/funding-eligibility.ts'
import type { RegistrationAnswers } from './answers.ts'

// What the flow needs to know besides the answers, read from the database for each request (see load-context.ts),
// so that `next` and `isAnswered` stay pure functions of { answers, context }.

export type CohortOption = { identifier: string; description: string; funding: CohortFundingMode }

export type CourseOption = { identifier: string; name: string; fullName: string }

export type ProviderOption = { identifier: string; name: string; hint: string | null }

/** A GIAS establishment the person chose, with what funding needs to know about it. */
export type ChosenEstablishment = {
  urn: string
  name: string
  town: string | null
  inEngland: boolean
  establishmentTypeCode: number
  ukprn: string | null
  lists: EligibilityListMemberships
}

export type ChosenChildcareProvider = { urn: string; name: string; lists: EligibilityListMemberships }

export type ChosenIttProvider = { legalName: string; operatingName: string; approved: boolean }

/** One of the person's earlier applications. */
export type EarlierApplication = PreviousApplication & { cohortIdentifier: string; pending: boolean }

export type RegistrationContext = {
  /** Today's date in England, YYYY-MM-DD. */
  today: string
  trnLookupStatus: TrnLookupStatus
  /** Cohorts open for registration today. */
  cohorts: CohortOption[]
  /** Courses offered in the chosen cohort (by at least one provider), in the order they are shown. */
  courses: CourseOption[]
  /** Providers offering the chosen course in the chosen cohort, alphabetically. */
  providers: ProviderOption[]
  /** The establishment named by answers.schoolUrn, if it exists. */
  school: ChosenEstablishment | null
  /** The establishment named by answers.nurseryUrn, if it exists. */
  nursery: ChosenEstablishment | null
  privateChildcareProvider: ChosenChildcareProvider | null
  ittProvider: ChosenIttProvider | null
  earlierApplications: EarlierApplication[]
}

export type RegistrationState = { answers: RegistrationAnswers; context: RegistrationContext }

export const NOT_ON_ANY_LIST: EligibilityListMemberships = Object.freeze({
  pp50School: false,
  pp50FurtherEducation: false,
  childminder: false,
  localAuthorityNursery: false,
  riseSchool: false,
})

/** Nothing loaded: what the flow sees before any reference data (used by tests and the flow drawing). */
export function emptyContext(overrides: Partial<RegistrationContext> = {}): RegistrationContext {
  return {
    today: '2026-06-01',
    trnLookupStatus: 'Found',
    cohorts: [],
    courses: [],
    providers: [],
    school: null,
    nursery: null,
    privateChildcareProvider: null,
    ittProvider: null,
    earlierApplications: [],
    ...overrides,
  }
}

export function chosenCohort(state: RegistrationState): CohortOption | undefined {
  return state.context.cohorts.find((cohort) => cohort.identifier === state.answers.courseStartCohort)
}

export function chosenCourse(state: RegistrationState): CourseOption | undefined {
  return state.context.courses.find((course) => course.identifier === state.answers.courseIdentifier)
}

export function chosenProvider(state: RegistrationState): ProviderOption | undefined {
  return state.context.providers.find((provider) => provider.identifier === state.answers.leadProvider)
}
