import { displayedCourses } from '../funding/courses.ts'
import type { EligibilityListMemberships } from '../funding/funding-eligibility.ts'
import type { RegistrationAnswers } from '../registration/answers.ts'
import { emptyContext, NOT_ON_ANY_LIST, type ChosenEstablishment, type RegistrationContext, type RegistrationState } from '../registration/context.ts'

// Contexts and answers for testing the registration flow as pure functions, without a database.

export const AUTUMN = { identifier: '2026b', description: 'Autumn 2026', funding: 'capped' as const }
export const SPRING_UNFUNDED = { identifier: '2026a', description: 'Spring 2026', funding: 'zero' as const }

export const ALL_COURSES = displayedCourses().map((course) => ({ identifier: course.identifier, name: course.name, fullName: course.fullName }))

export const PROVIDERS = [
  { identifier: 'ambition-institute', name: 'Ambition Institute', hint: null },
  { identifier: 'teach-first', name: 'Teach First', hint: 'Online learning' },
]

export function establishment(overrides: Partial<Omit<ChosenEstablishment, 'lists'>> & { lists?: Partial<EligibilityListMemberships> } = {}): ChosenEstablishment {
  return {
    urn: '107968',
    name: 'St Bede’s Catholic Primary School',
    town: 'Leeds',
    inEngland: true,
    establishmentTypeCode: 2,
    ukprn: '10075233',
    ...overrides,
    lists: { ...NOT_ON_ANY_LIST, ...overrides.lists },
  }
}

/** Everything open and offered, as the reference data would have it. */
export function openContext(overrides: Partial<RegistrationContext> = {}): RegistrationContext {
  return emptyContext({ cohorts: [AUTUMN, SPRING_UNFUNDED], courses: ALL_COURSES, providers: PROVIDERS, ...overrides })
}

export function stateOf(answers: RegistrationAnswers, context: Partial<RegistrationContext> = {}): RegistrationState {
  return { answers, context: openContext(context) }
}

/** The start of every registration: the autumn cohort, an NPQ and provider chosen, working in England. */
export const STARTED: RegistrationAnswers = { courseStartCohort: '2026b', chosenProvider: 'yes', teacherCatchment: 'england' }

/** The end of every registration: a provider, and consent. */
export const FINISHED: RegistrationAnswers = { leadProvider: 'teach-first', canShareChoices: true }
