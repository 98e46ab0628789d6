import type { EmploymentType, KindOfNursery, WorkSetting } from '../funding/funding-eligibility.ts'

// What a person has answered so far, as kept in registration_drafts.answers. Every answer is optional: a draft
// holds whatever has been answered, on any branch the person has tried. Which of them count is decided by the
// person's current path through the flow (see flow.ts), never by what happens to be stored.

export const YES_NO = ['yes', 'no'] as const
export type YesNo = (typeof YES_NO)[number]

export const TEACHER_CATCHMENTS = ['england', 'another'] as const
export type TeacherCatchment = (typeof TEACHER_CATCHMENTS)[number]

export const WORK_SETTINGS = [
  'early_years_or_childcare',
  'a_school',
  'an_academy_trust',
  'a_16_to_19_educational_setting',
  'another_setting',
  'other',
] as const satisfies readonly WorkSetting[]

/** Settings whose workplace is found among GIAS establishments on choose-school. */
export const SCHOOL_WORK_SETTINGS: readonly WorkSetting[] = ['a_school', 'an_academy_trust', 'a_16_to_19_educational_setting']

export const KINDS_OF_NURSERY = [
  'local_authority_maintained_nursery',
  'preschool_class_as_part_of_school',
  'private_nursery',
  'childminder',
  'another_early_years_setting',
] as const satisfies readonly KindOfNursery[]

/** Nurseries that are GIAS establishments, found on choose-childcare-provider; the others may have an Ofsted URN. */
export const PUBLIC_KINDS_OF_NURSERY: readonly KindOfNursery[] = ['local_authority_maintained_nursery', 'preschool_class_as_part_of_school']

export const EMPLOYMENT_TYPES = [
  'local_authority_virtual_school',
  'hospital_school',
  'young_offender_institution',
  'local_authority_supply_teacher',
  'lead_mentor_for_accredited_itt_provider',
] as const satisfies readonly EmploymentType[]

export const NPQH_STATUSES = ['completed_npqh', 'studying_npqh', 'will_start_npqh', 'none'] as const
export type NpqhStatus = (typeof NPQH_STATUSES)[number]

export const MATHS_UNDERSTANDING = ['taken_a_similar_course', 'another_way', 'cannot_show'] as const
export type MathsUnderstanding = (typeof MATHS_UNDERSTANDING)[number]

export const SENCO_IN_ROLE = ['yes', 'no_but_i_plan_to_become_one', 'no_i_do_not_plan_to_be_a_SENCO'] as const
export type SencoInRole = (typeof SENCO_IN_ROLE)[number]

export const FUNDING_CHOICES = ['school', 'trust', 'self', 'another'] as const
export type FundingChoice = (typeof FUNDING_CHOICES)[number]

export type RegistrationAnswers = {
  /** The cohort's identifier, e.g. `2026b`. */
  courseStartCohort?: string
  chosenProvider?: YesNo
  teacherCatchment?: TeacherCatchment
  teacherCatchmentCountry?: string
  workSetting?: WorkSetting
  /** What was typed into the school search, so the page can show the same results again. */
  schoolSearch?: string
  schoolUrn?: string
  kindOfNursery?: KindOfNursery
  nurserySearch?: string
  /** A GIAS URN: local authority nurseries and pre-school classes are establishments. */
  nurseryUrn?: string
  hasOfstedUrn?: YesNo
  privateChildcareProviderUrn?: string
  employmentType?: EmploymentType
  employmentRole?: string
  employerName?: string
  ittProviderSearch?: string
  /** The provider's legal name, as the approved list names it. */
  ittProvider?: string
  referredByReturnToTeachingAdviser?: YesNo
  courseIdentifier?: string
  npqhStatus?: NpqhStatus
  ehcoHeadteacher?: YesNo
  ehcoNewHeadteacher?: YesNo
  ehcoFundingChoice?: FundingChoice
  mathsEligibilityTeachingForMastery?: YesNo
  mathsUnderstandingOfApproach?: MathsUnderstanding
  sencoInRole?: SencoInRole
  /** Month and year, `YYYY-MM`. */
  sencoStartDate?: string
  /**
   * The funding outcome the person has read, as `<course>:<status code>`. A later change that alters the outcome
   * (another course, another workplace) no longer matches, so the page explaining it is shown again.
   */
  fundingSeen?: string
  fundingChoice?: FundingChoice
  /** The lead provider's identifier. */
  leadProvider?: string
  canShareChoices?: boolean
}

export type AnswerKey = keyof RegistrationAnswers

const TEXT_MAX = 500

function oneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value)
}

function text(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= TEXT_MAX
}

const CHECKS: { [K in AnswerKey]-?: (value: unknown) => boolean } = {
  courseStartCohort: text,
  chosenProvider: oneOf(YES_NO),
  teacherCatchment: oneOf(TEACHER_CATCHMENTS),
  teacherCatchmentCountry: text,
  workSetting: oneOf(WORK_SETTINGS),
  schoolSearch: text,
  schoolUrn: text,
  kindOfNursery: oneOf(KINDS_OF_NURSERY),
  nurserySearch: text,
  nurseryUrn: text,
  hasOfstedUrn: oneOf(YES_NO),
  privateChildcareProviderUrn: text,
  employmentType: oneOf(EMPLOYMENT_TYPES),
  employmentRole: text,
  employerName: text,
  ittProviderSearch: text,
  ittProvider: text,
  referredByReturnToTeachingAdviser: oneOf(YES_NO),
  courseIdentifier: text,
  npqhStatus: oneOf(NPQH_STATUSES),
  ehcoHeadteacher: oneOf(YES_NO),
  ehcoNewHeadteacher: oneOf(YES_NO),
  ehcoFundingChoice: oneOf(FUNDING_CHOICES),
  mathsEligibilityTeachingForMastery: oneOf(YES_NO),
  mathsUnderstandingOfApproach: oneOf(MATHS_UNDERSTANDING),
  sencoInRole: oneOf(SENCO_IN_ROLE),
  sencoStartDate: (value) => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value),
  fundingSeen: text,
  fundingChoice: oneOf(FUNDING_CHOICES),
  leadProvider: text,
  canShareChoices: (value) => typeof value === 'boolean',
}

export const ANSWER_KEYS = Object.keys(CHECKS) as AnswerKey[]

/**
 * The answers from a stored draft, keeping only values of the shape each answer has now: a draft saved before an
 * option was renamed or removed simply has that question unanswered, and the person is asked it again.
 */
export function readAnswers(stored: unknown): RegistrationAnswers {
  if (typeof stored !== 'object' || stored === null) return {}
  const answers: Record<string, unknown> = {}
  for (const key of ANSWER_KEYS) {
    const value = (stored as Record<string, unknown>)[key]
    if (value !== undefined && CHECKS[key](value)) answers[key] = value
  }
  return answers as RegistrationAnswers
}
