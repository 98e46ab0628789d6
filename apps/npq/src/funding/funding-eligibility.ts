// Whether DfE scholarship funding pays for someone's NPQ: a pure function of the cohort, the person's answers,
// their workplace, the eligibility lists and their earlier applications. The caller gathers those facts (from the
// registration answers and the database) and stores the status code, and FUNDING_RULES_VERSION, with the
// application; the person is shown explainFunding(statusCode).
//
// The rules are DfE's policy for the 2026 cohorts. Policy changes every year: when it does, write the new rules
// beside these, bump the version, and keep the scenario tests of both. The table in apps/npq/docs/funding.md
// says the same thing for contract managers.

import {
  ANOTHER_SETTING_REVIEWABLE_COURSES,
  EARLY_YEARS_LEADERSHIP_COURSE,
  LA_NURSERY_APPROVED_COURSES,
  LEAD_MENTOR_COURSE,
  NEW_HEADTEACHER_COURSES,
  PP50_ONLY_COURSES,
  courseAndRebrandedAlternatives,
  isCourseIdentifier,
} from './courses.ts'
import type { CourseIdentifier } from './courses.ts'
import { WELSH_ESTABLISHMENT_TYPE_CODE, isEligibleEstablishmentType, isLocalAuthorityNurserySchool } from './establishment-types.ts'

export const FUNDING_RULES_VERSION = '2026.1'

/** The codes decideFunding returns, in the order the rules are checked. */
export const FUNDING_STATUS_CODES = [
  'unfunded_cohort',
  'not_in_england',
  'previously_funded',
  'not_new_headteacher_requesting_ehco',
  'not_entitled_childminder',
  'early_years_invalid_npq',
  'ineligible_establishment_type',
  'ineligible_establishment_not_a_pp50',
  'not_lead_mentor_course',
  'subject_to_review',
  'referred_by_return_to_teaching_adviser',
  'funded',
] as const

export type FundingStatusCode = (typeof FUNDING_STATUS_CODES)[number]

/** Codes set by a DfE admin who changes an application's funding eligibility by hand. */
export const FUNDING_POLICY_OVERRIDE_CODES = ['marked_funded_by_policy', 'marked_ineligible_by_policy'] as const

/** Codes earlier rules gave that applications may still carry. The 2026 rules no longer give them. */
export const RETIRED_FUNDING_STATUS_CODES = ['not_entitled_ey_institution'] as const

/** Every code an application can carry. */
export type StoredFundingStatusCode =
  | FundingStatusCode
  | (typeof FUNDING_POLICY_OVERRIDE_CODES)[number]
  | (typeof RETIRED_FUNDING_STATUS_CODES)[number]

export const STORED_FUNDING_STATUS_CODES: readonly StoredFundingStatusCode[] = [
  ...FUNDING_STATUS_CODES,
  ...FUNDING_POLICY_OVERRIDE_CODES,
  ...RETIRED_FUNDING_STATUS_CODES,
]

export type CohortFundingMode = 'zero' | 'capped' | 'full'

export type WorkSetting =
  | 'early_years_or_childcare'
  | 'a_school'
  | 'an_academy_trust'
  | 'a_16_to_19_educational_setting'
  | 'another_setting'
  | 'other'

export type KindOfNursery =
  | 'local_authority_maintained_nursery'
  | 'preschool_class_as_part_of_school'
  | 'private_nursery'
  | 'childminder'
  | 'another_early_years_setting'

export type EmploymentType =
  | 'local_authority_virtual_school'
  | 'hospital_school'
  | 'young_offender_institution'
  | 'local_authority_supply_teacher'
  | 'lead_mentor_for_accredited_itt_provider'

export type FundingInstitution =
  | { kind: 'school'; establishmentTypeCode: number; urn: string; ukprn?: string | null }
  | { kind: 'private_childcare_provider'; urn: string }

/** Whether the workplace (or the person, for childminders) is on each DfE eligibility list, worked out by the caller. */
export type EligibilityListMemberships = {
  /** The school's URN is on the PP50 schools list. */
  pp50School: boolean
  /** The setting's UKPRN is on the PP50 further education list. */
  pp50FurtherEducation: boolean
  /** The childminder's Ofsted URN is on the childminders list. */
  childminder: boolean
  /** The nursery's URN is on the local authority nurseries list. Not consulted by the 2026 rules (see docs/funding.md). */
  localAuthorityNursery: boolean
  /** The school's URN is on the RISE list. */
  riseSchool: boolean
}

/** One of the person's earlier applications (any cohort, any person record with the same verified TRN). */
export type PreviousApplication = {
  courseIdentifier: string
  /** The lead provider accepted it. */
  accepted: boolean
  eligibleForFunding: boolean
  /** null when the cohort had no funding cap (the place counted as funded). */
  fundedPlace: boolean | null
}

export type FundingInput = {
  cohortFundingMode: CohortFundingMode
  courseIdentifier: CourseIdentifier
  worksInEngland: boolean
  /** null when the person was never asked (they do not work in England). */
  workSetting: WorkSetting | null
  kindOfNursery: KindOfNursery | null
  institution: FundingInstitution | null
  /** "How are you employed?", for people in another setting. */
  employmentType: EmploymentType | null
  /** The lead mentor's initial teacher training provider is on the current approved list. */
  ittProviderApproved: boolean
  referredByReturnToTeachingAdviser: boolean
  /** Answers to the coaching offer questions; both false when the person was not asked. */
  isHeadteacher: boolean
  inFirstFiveYearsOfHeadship: boolean
  lists: EligibilityListMemberships
  previousApplications: readonly PreviousApplication[]
}

export type FundingDecision = {
  statusCode: FundingStatusCode
  /** DfE scholarship funding pays for the course if the provider accepts the application (and, in capped cohorts, gives a funded place). */
  funded: boolean
  /** A DfE admin decides later; the application waits in the review queue. */
  subjectToReview: boolean
}

const REVIEW_STATUS_CODES: ReadonlySet<FundingStatusCode> = new Set<FundingStatusCode>(['subject_to_review', 'referred_by_return_to_teaching_adviser'])

export function decideFunding(input: FundingInput): FundingDecision {
  if (!isCourseIdentifier(input.courseIdentifier)) throw new RangeError(`Unknown course identifier: ${String(input.courseIdentifier)}`)
  const statusCode = fundingStatus(input)
  return { statusCode, funded: statusCode === 'funded', subjectToReview: REVIEW_STATUS_CODES.has(statusCode) }
}

function fundingStatus(input: FundingInput): FundingStatusCode {
  if (input.cohortFundingMode === 'zero') return 'unfunded_cohort'
  if (!worksInEngland(input)) return 'not_in_england'
  if (previouslyFunded(input)) return 'previously_funded'
  // The support offer was the coaching offer's earlier name, so the same rule covers both.
  if (NEW_HEADTEACHER_COURSES.has(input.courseIdentifier)) {
    return input.isHeadteacher && input.inFirstFiveYearsOfHeadship ? 'funded' : 'not_new_headteacher_requesting_ehco'
  }
  switch (input.workSetting) {
    case 'early_years_or_childcare':
      return earlyYearsOrChildcare(input)
    case 'a_school':
    case 'an_academy_trust':
    case 'a_16_to_19_educational_setting':
      return schoolOrCollege(input, input.workSetting)
    case 'another_setting':
      return anotherSetting(input)
    case 'other':
      return input.referredByReturnToTeachingAdviser ? 'referred_by_return_to_teaching_adviser' : 'ineligible_establishment_type'
    case null:
      // Only people outside England skip the work setting question, and they stopped at the rule above.
      return 'ineligible_establishment_type'
  }
}

// The journey stops people who pick a Welsh school, but a workplace we know to be in Wales is never funded,
// whatever the answer to "Do you work in England?".
function worksInEngland(input: FundingInput): boolean {
  const institution = input.institution
  return input.worksInEngland && !(institution?.kind === 'school' && institution.establishmentTypeCode === WELSH_ESTABLISHMENT_TYPE_CODE)
}

// A place counts as funded when the provider accepted the application, DfE found it eligible and, in capped
// cohorts, the provider gave it a funded place. Rejected, pending and self-funded applications do not count.
function previouslyFunded(input: FundingInput): boolean {
  const sameCourse = new Set<string>(courseAndRebrandedAlternatives(input.courseIdentifier))
  return input.previousApplications.some(
    (application) =>
      sameCourse.has(application.courseIdentifier) && application.accepted && application.eligibleForFunding && application.fundedPlace !== false,
  )
}

function earlyYearsOrChildcare(input: FundingInput): FundingStatusCode {
  if (input.courseIdentifier === EARLY_YEARS_LEADERSHIP_COURSE) {
    if (input.kindOfNursery !== 'childminder') return 'funded'
    return input.lists.childminder ? 'funded' : 'not_entitled_childminder'
  }
  const institution = input.institution
  const worksInLocalAuthorityNurserySchool = institution?.kind === 'school' && isLocalAuthorityNurserySchool(institution.establishmentTypeCode)
  if (worksInLocalAuthorityNurserySchool && LA_NURSERY_APPROVED_COURSES.has(input.courseIdentifier)) return 'funded'
  return 'early_years_invalid_npq'
}

function schoolOrCollege(input: FundingInput, workSetting: 'a_school' | 'an_academy_trust' | 'a_16_to_19_educational_setting'): FundingStatusCode {
  const institution = input.institution
  // Someone in a school setting who could not name a school (none found, or a local authority picked instead)
  // has no establishment type to check: treat it as ineligible rather than guess.
  if (institution?.kind !== 'school') return 'ineligible_establishment_type'
  if (input.lists.riseSchool) return 'funded'
  if (!isEligibleEstablishmentType(institution.establishmentTypeCode)) return 'ineligible_establishment_type'
  if (input.courseIdentifier === EARLY_YEARS_LEADERSHIP_COURSE) return 'funded'
  if (PP50_ONLY_COURSES.has(input.courseIdentifier)) {
    // Colleges are on the FE list by UKPRN; the schools list does not count for someone in a 16 to 19 setting.
    const onPp50List = workSetting === 'a_16_to_19_educational_setting' ? input.lists.pp50FurtherEducation : input.lists.pp50School
    return onPp50List ? 'funded' : 'ineligible_establishment_not_a_pp50'
  }
  return 'funded'
}

function anotherSetting(input: FundingInput): FundingStatusCode {
  if (input.employmentType === 'lead_mentor_for_accredited_itt_provider') {
    if (input.courseIdentifier !== LEAD_MENTOR_COURSE) return 'not_lead_mentor_course'
    // A lead mentor whose provider is not (or no longer) approved is in no funded setting.
    return input.ittProviderApproved ? 'funded' : 'ineligible_establishment_type'
  }
  if (input.employmentType !== null && ANOTHER_SETTING_REVIEWABLE_COURSES.has(input.courseIdentifier)) return 'subject_to_review'
  return 'ineligible_establishment_type'
}
