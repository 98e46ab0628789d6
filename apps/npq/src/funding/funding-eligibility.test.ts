import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { decideFunding, FUNDING_STATUS_CODES } from './funding-eligibility.ts'
import type {
  CohortFundingMode,
  EmploymentType,
  FundingInput,
  FundingStatusCode,
  KindOfNursery,
  PreviousApplication,
  WorkSetting,
} from './funding-eligibility.ts'
import type { CourseIdentifier } from './courses.ts'

// Expectations here are written out by hand from the policy (apps/npq/docs/funding.md), never computed by
// the code under test: a change to the rules must change a line of these tables too.

const F = 'funded'
const T = 'ineligible_establishment_type'
const P = 'ineligible_establishment_not_a_pp50'
const N = 'not_new_headteacher_requesting_ehco'
const C = 'not_entitled_childminder'
const E = 'early_years_invalid_npq'
const L = 'not_lead_mentor_course'
const R = 'subject_to_review'
const A = 'referred_by_return_to_teaching_adviser'

const ALL_COURSES: CourseIdentifier[] = [
  'npq-senco',
  'npq-headship',
  'npq-senior-leadership',
  'npq-executive-leadership',
  'npq-early-years-leadership',
  'npq-leading-behaviour-culture',
  'npq-leading-literacy',
  'npq-leading-primary-mathematics',
  'npq-leading-teaching',
  'npq-leading-teaching-development',
  'npq-early-headship-coaching-offer',
  'npq-additional-support-offer',
]

const COMMUNITY_SCHOOL = { kind: 'school', establishmentTypeCode: 1, urn: '100000', ukprn: '10079319' } as const
const ACADEMY_CONVERTER = { kind: 'school', establishmentTypeCode: 34, urn: '137000', ukprn: '10031111' } as const
const INDEPENDENT_SCHOOL = { kind: 'school', establishmentTypeCode: 11, urn: '100001', ukprn: '10013279' } as const
const FE_COLLEGE = { kind: 'school', establishmentTypeCode: 18, urn: '130416', ukprn: '10001000' } as const
const LA_NURSERY_SCHOOL = { kind: 'school', establishmentTypeCode: 15, urn: '100002' } as const
const WELSH_SCHOOL = { kind: 'school', establishmentTypeCode: 30, urn: '401234' } as const
const PRIVATE_NURSERY = { kind: 'private_childcare_provider', urn: 'EY790942' } as const

const NO_LISTS = { pp50School: false, pp50FurtherEducation: false, childminder: false, localAuthorityNursery: false, riseSchool: false }

function anInput(overrides: Partial<FundingInput> = {}): FundingInput {
  return {
    cohortFundingMode: 'full',
    courseIdentifier: 'npq-headship',
    worksInEngland: true,
    workSetting: 'a_school',
    kindOfNursery: null,
    institution: COMMUNITY_SCHOOL,
    employmentType: null,
    ittProviderApproved: false,
    referredByReturnToTeachingAdviser: false,
    isHeadteacher: false,
    inFirstFiveYearsOfHeadship: false,
    lists: NO_LISTS,
    previousApplications: [],
    ...overrides,
  }
}

function lists(overrides: Partial<FundingInput['lists']>): FundingInput['lists'] {
  return { ...NO_LISTS, ...overrides }
}

function acceptedFundedApplication(courseIdentifier: string, overrides: Partial<PreviousApplication> = {}): PreviousApplication {
  return { courseIdentifier, accepted: true, eligibleForFunding: true, fundedPlace: null, ...overrides }
}

function expectStatus(input: FundingInput, expected: FundingStatusCode, message?: string): void {
  assert.equal(decideFunding(input).statusCode, expected, message ?? JSON.stringify(input))
}

// A column of a course × situation table: what the person answered, and a name for failure messages.
type Situation = { name: string; input: Partial<FundingInput> }
type Table = { setting: string; situations: Situation[]; expectations: Record<CourseIdentifier, FundingStatusCode[]> }

function checkTable(table: Table, base: Partial<FundingInput> = {}): void {
  for (const course of ALL_COURSES) {
    const expected = table.expectations[course]
    assert.equal(expected.length, table.situations.length, `${table.setting} table row for ${course} has the wrong number of columns`)
    table.situations.forEach((situation, column) => {
      const input = anInput({ ...situation.input, ...base, courseIdentifier: course })
      expectStatus(input, expected[column]!, `${table.setting}, ${situation.name}, ${course}`)
    })
  }
}

function schoolSituations(workSetting: WorkSetting, school: FundingInput['institution']): Situation[] {
  return [
    { name: 'eligible type, on no list', input: { workSetting, institution: school } },
    { name: 'eligible type, PP50 schools list', input: { workSetting, institution: school, lists: lists({ pp50School: true }) } },
    { name: 'eligible type, PP50 FE list', input: { workSetting, institution: school, lists: lists({ pp50FurtherEducation: true }) } },
    { name: 'eligible type, RISE list', input: { workSetting, institution: school, lists: lists({ riseSchool: true }) } },
    { name: 'independent school', input: { workSetting, institution: INDEPENDENT_SCHOOL, lists: lists({ pp50School: true, pp50FurtherEducation: true }) } },
    { name: 'independent school on the RISE list', input: { workSetting, institution: INDEPENDENT_SCHOOL, lists: lists({ riseSchool: true }) } },
    { name: 'no school given', input: { workSetting, institution: null, lists: lists({ pp50School: true, riseSchool: true }) } },
  ]
}

//                                       no list  PP50   FE     RISE   indep. indep.+RISE  none
const SCHOOL_EXPECTATIONS: Record<CourseIdentifier, FundingStatusCode[]> = {
  'npq-senco':                          [F,       F,     F,     F,     T,     F,           T],
  'npq-headship':                       [F,       F,     F,     F,     T,     F,           T],
  'npq-senior-leadership':              [F,       F,     F,     F,     T,     F,           T],
  'npq-executive-leadership':           [P,       F,     P,     F,     T,     F,           T],
  'npq-early-years-leadership':         [F,       F,     F,     F,     T,     F,           T],
  'npq-leading-behaviour-culture':      [P,       F,     P,     F,     T,     F,           T],
  'npq-leading-literacy':               [P,       F,     P,     F,     T,     F,           T],
  'npq-leading-primary-mathematics':    [P,       F,     P,     F,     T,     F,           T],
  'npq-leading-teaching':               [P,       F,     P,     F,     T,     F,           T],
  'npq-leading-teaching-development':   [P,       F,     P,     F,     T,     F,           T],
  'npq-early-headship-coaching-offer':  [N,       N,     N,     N,     N,     N,           N],
  'npq-additional-support-offer':       [N,       N,     N,     N,     N,     N,           N],
}

// In a 16 to 19 setting the PP50 further education list (by UKPRN) decides, not the schools list.
//                                       no list  PP50   FE     RISE   indep. indep.+RISE  none
const SIXTEEN_TO_NINETEEN_EXPECTATIONS: Record<CourseIdentifier, FundingStatusCode[]> = {
  'npq-senco':                          [F,       F,     F,     F,     T,     F,           T],
  'npq-headship':                       [F,       F,     F,     F,     T,     F,           T],
  'npq-senior-leadership':              [F,       F,     F,     F,     T,     F,           T],
  'npq-executive-leadership':           [P,       P,     F,     F,     T,     F,           T],
  'npq-early-years-leadership':         [F,       F,     F,     F,     T,     F,           T],
  'npq-leading-behaviour-culture':      [P,       P,     F,     F,     T,     F,           T],
  'npq-leading-literacy':               [P,       P,     F,     F,     T,     F,           T],
  'npq-leading-primary-mathematics':    [P,       P,     F,     F,     T,     F,           T],
  'npq-leading-teaching':               [P,       P,     F,     F,     T,     F,           T],
  'npq-leading-teaching-development':   [P,       P,     F,     F,     T,     F,           T],
  'npq-early-headship-coaching-offer':  [N,       N,     N,     N,     N,     N,           N],
  'npq-additional-support-offer':       [N,       N,     N,     N,     N,     N,           N],
}

const childcare = (kindOfNursery: KindOfNursery | null, institution: FundingInput['institution'], listOverrides: Partial<FundingInput['lists']> = {}) => ({
  workSetting: 'early_years_or_childcare' as const,
  kindOfNursery,
  institution,
  lists: lists(listOverrides),
})

const CHILDCARE_SITUATIONS: Situation[] = [
  { name: 'LA maintained nursery, a local authority nursery school', input: childcare('local_authority_maintained_nursery', LA_NURSERY_SCHOOL) },
  { name: 'LA maintained nursery, a community school', input: childcare('local_authority_maintained_nursery', COMMUNITY_SCHOOL) },
  { name: 'pre-school class in a school', input: childcare('preschool_class_as_part_of_school', COMMUNITY_SCHOOL) },
  { name: 'private nursery', input: childcare('private_nursery', PRIVATE_NURSERY) },
  { name: 'private nursery without an Ofsted URN', input: childcare('private_nursery', null) },
  { name: 'another early years setting', input: childcare('another_early_years_setting', PRIVATE_NURSERY) },
  { name: 'childminder not on the list', input: childcare('childminder', PRIVATE_NURSERY) },
  { name: 'childminder on the list', input: childcare('childminder', PRIVATE_NURSERY, { childminder: true }) },
  { name: 'childminder without an Ofsted URN', input: childcare('childminder', null) },
  // Lists that belong to schools make no difference in early years settings.
  { name: 'private nursery whose URN is on school lists', input: childcare('private_nursery', PRIVATE_NURSERY, { pp50School: true, riseSchool: true, localAuthorityNursery: true }) },
]

//                                       LA nurs. LA comm. pre-sch private  no URN  another  cm off  cm on  cm none  lists
const CHILDCARE_EXPECTATIONS: Record<CourseIdentifier, FundingStatusCode[]> = {
  'npq-senco':                          [F,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-headship':                       [F,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-senior-leadership':              [F,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-executive-leadership':           [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-early-years-leadership':         [F,       F,       F,      F,       F,      F,       C,      F,     C,       F],
  'npq-leading-behaviour-culture':      [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-leading-literacy':               [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-leading-primary-mathematics':    [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-leading-teaching':               [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-leading-teaching-development':   [E,       E,       E,      E,       E,      E,       E,      E,     E,       E],
  'npq-early-headship-coaching-offer':  [N,       N,       N,      N,       N,      N,       N,      N,     N,       N],
  'npq-additional-support-offer':       [N,       N,       N,      N,       N,      N,       N,      N,     N,       N],
}

const another = (employmentType: EmploymentType | null, ittProviderApproved = false) => ({
  workSetting: 'another_setting' as const,
  employmentType,
  ittProviderApproved,
  institution: null,
})

const ANOTHER_SETTING_SITUATIONS: Situation[] = [
  { name: 'local authority virtual school', input: another('local_authority_virtual_school') },
  { name: 'hospital school', input: another('hospital_school') },
  { name: 'young offender institution', input: another('young_offender_institution') },
  { name: 'local authority supply teacher', input: another('local_authority_supply_teacher') },
  { name: 'lead mentor, approved ITT provider', input: another('lead_mentor_for_accredited_itt_provider', true) },
  { name: 'lead mentor, ITT provider not approved', input: another('lead_mentor_for_accredited_itt_provider', false) },
  { name: 'employment not given', input: another(null, true) },
]

//                                       virtual  hospital  YOI  supply  LM ok  LM not  none
const ANOTHER_SETTING_EXPECTATIONS: Record<CourseIdentifier, FundingStatusCode[]> = {
  'npq-senco':                          [R,       R,        R,   R,      L,     L,      T],
  'npq-headship':                       [R,       R,        R,   R,      L,     L,      T],
  'npq-senior-leadership':              [R,       R,        R,   R,      L,     L,      T],
  'npq-executive-leadership':           [T,       T,        T,   T,      L,     L,      T],
  'npq-early-years-leadership':         [T,       T,        T,   T,      L,     L,      T],
  'npq-leading-behaviour-culture':      [T,       T,        T,   T,      L,     L,      T],
  'npq-leading-literacy':               [T,       T,        T,   T,      L,     L,      T],
  'npq-leading-primary-mathematics':    [T,       T,        T,   T,      L,     L,      T],
  'npq-leading-teaching':               [T,       T,        T,   T,      L,     L,      T],
  'npq-leading-teaching-development':   [T,       T,        T,   T,      F,     T,      T],
  'npq-early-headship-coaching-offer':  [N,       N,        N,   N,      N,     N,      N],
  'npq-additional-support-offer':       [N,       N,        N,   N,      N,     N,      N],
}

const OTHER_SETTING_SITUATIONS: Situation[] = [
  { name: 'referred by a Return to Teaching adviser', input: { workSetting: 'other', institution: null, referredByReturnToTeachingAdviser: true } },
  { name: 'not referred', input: { workSetting: 'other', institution: null, referredByReturnToTeachingAdviser: false } },
]

//                                       referred  not referred
const OTHER_SETTING_EXPECTATIONS: Record<CourseIdentifier, FundingStatusCode[]> = {
  'npq-senco':                          [A,        T],
  'npq-headship':                       [A,        T],
  'npq-senior-leadership':              [A,        T],
  'npq-executive-leadership':           [A,        T],
  'npq-early-years-leadership':         [A,        T],
  'npq-leading-behaviour-culture':      [A,        T],
  'npq-leading-literacy':               [A,        T],
  'npq-leading-primary-mathematics':    [A,        T],
  'npq-leading-teaching':               [A,        T],
  'npq-leading-teaching-development':   [A,        T],
  'npq-early-headship-coaching-offer':  [N,        N],
  'npq-additional-support-offer':       [N,        N],
}

const TABLES: Table[] = [
  { setting: 'a school', situations: schoolSituations('a_school', COMMUNITY_SCHOOL), expectations: SCHOOL_EXPECTATIONS },
  { setting: 'an academy trust', situations: schoolSituations('an_academy_trust', ACADEMY_CONVERTER), expectations: SCHOOL_EXPECTATIONS },
  { setting: 'a 16 to 19 setting', situations: schoolSituations('a_16_to_19_educational_setting', FE_COLLEGE), expectations: SIXTEEN_TO_NINETEEN_EXPECTATIONS },
  { setting: 'early years or childcare', situations: CHILDCARE_SITUATIONS, expectations: CHILDCARE_EXPECTATIONS },
  { setting: 'another setting', situations: ANOTHER_SETTING_SITUATIONS, expectations: ANOTHER_SETTING_EXPECTATIONS },
  { setting: 'other', situations: OTHER_SETTING_SITUATIONS, expectations: OTHER_SETTING_EXPECTATIONS },
]

function everyCourseInEverySituation(): { table: Table; situation: Situation; course: CourseIdentifier }[] {
  return TABLES.flatMap((table) => table.situations.flatMap((situation) => ALL_COURSES.map((course) => ({ table, situation, course }))))
}

describe('funding by work setting, every course (full and capped cohorts)', () => {
  for (const table of TABLES) {
    for (const mode of ['full', 'capped'] as const) {
      it(`${table.setting}, ${mode} cohort`, () => checkTable(table, { cohortFundingMode: mode }))
    }
  }

  it('a new headteacher is funded for the coaching offer (and the support offer it replaced) in every setting', () => {
    for (const { table, situation } of everyCourseInEverySituation()) {
      for (const course of ['npq-early-headship-coaching-offer', 'npq-additional-support-offer'] as const) {
        const input = anInput({ ...situation.input, courseIdentifier: course, isHeadteacher: true, inFirstFiveYearsOfHeadship: true })
        expectStatus(input, F, `${table.setting}, ${situation.name}, ${course}`)
      }
    }
  })
})

describe('the order the rules are checked in', () => {
  it('an unfunded cohort beats everything, including working outside England and a previous funded place', () => {
    for (const { table, situation, course } of everyCourseInEverySituation()) {
      const input = anInput({
        ...situation.input,
        courseIdentifier: course,
        cohortFundingMode: 'zero',
        worksInEngland: false,
        isHeadteacher: true,
        inFirstFiveYearsOfHeadship: true,
        previousApplications: [acceptedFundedApplication(course)],
      })
      const decision = decideFunding(input)
      assert.deepEqual(decision, { statusCode: 'unfunded_cohort', funded: false, subjectToReview: false }, `${table.setting}, ${situation.name}, ${course}`)
    }
  })

  it('working outside England comes next, before a previous funded place', () => {
    for (const { table, situation, course } of everyCourseInEverySituation()) {
      for (const mode of ['full', 'capped'] as const) {
        const input = anInput({ ...situation.input, courseIdentifier: course, cohortFundingMode: mode, worksInEngland: false, previousApplications: [acceptedFundedApplication(course)] })
        expectStatus(input, 'not_in_england', `${table.setting}, ${situation.name}, ${course}, ${mode}`)
      }
    }
  })

  it('a previous funded place beats the coaching offer rule and every work setting rule', () => {
    for (const { table, situation, course } of everyCourseInEverySituation()) {
      const input = anInput({
        ...situation.input,
        courseIdentifier: course,
        isHeadteacher: true,
        inFirstFiveYearsOfHeadship: true,
        previousApplications: [acceptedFundedApplication(course)],
      })
      expectStatus(input, 'previously_funded', `${table.setting}, ${situation.name}, ${course}`)
    }
  })

  it('the coaching offer rule beats the work setting rules (an independent school, an unreferred "other")', () => {
    expectStatus(anInput({ courseIdentifier: 'npq-early-headship-coaching-offer', institution: INDEPENDENT_SCHOOL, isHeadteacher: true, inFirstFiveYearsOfHeadship: true }), F)
    expectStatus(anInput({ courseIdentifier: 'npq-early-headship-coaching-offer', workSetting: 'other', institution: null, isHeadteacher: true, inFirstFiveYearsOfHeadship: true }), F)
    expectStatus(anInput({ courseIdentifier: 'npq-early-headship-coaching-offer', institution: INDEPENDENT_SCHOOL }), N)
  })

  it('the RISE list beats the establishment type and the PP50 rule; the establishment type beats the PP50 rule', () => {
    expectStatus(anInput({ courseIdentifier: 'npq-leading-literacy', institution: INDEPENDENT_SCHOOL, lists: lists({ riseSchool: true }) }), F)
    expectStatus(anInput({ courseIdentifier: 'npq-leading-literacy', institution: INDEPENDENT_SCHOOL, lists: lists({ pp50School: true }) }), T)
  })
})

describe('the coaching offer', () => {
  const cases: { isHeadteacher: boolean; inFirstFiveYearsOfHeadship: boolean; expected: FundingStatusCode }[] = [
    { isHeadteacher: true, inFirstFiveYearsOfHeadship: true, expected: F },
    { isHeadteacher: true, inFirstFiveYearsOfHeadship: false, expected: N },
    { isHeadteacher: false, inFirstFiveYearsOfHeadship: false, expected: N },
    { isHeadteacher: false, inFirstFiveYearsOfHeadship: true, expected: N },
  ]
  for (const { isHeadteacher, inFirstFiveYearsOfHeadship, expected } of cases) {
    it(`headteacher ${isHeadteacher}, first five years ${inFirstFiveYearsOfHeadship} → ${expected}`, () => {
      expectStatus(anInput({ courseIdentifier: 'npq-early-headship-coaching-offer', isHeadteacher, inFirstFiveYearsOfHeadship }), expected)
    })
  }

  it('a new headteacher answer does not fund other courses', () => {
    expectStatus(anInput({ courseIdentifier: 'npq-leading-literacy', isHeadteacher: true, inFirstFiveYearsOfHeadship: true }), P)
  })
})

describe('previously funded', () => {
  const previous = (application: PreviousApplication, courseIdentifier: CourseIdentifier = 'npq-headship') =>
    decideFunding(anInput({ courseIdentifier, previousApplications: [application] })).statusCode

  it('an accepted, eligible application for the same course counts, with a funded place or in an uncapped cohort', () => {
    assert.equal(previous(acceptedFundedApplication('npq-headship', { fundedPlace: null })), 'previously_funded')
    assert.equal(previous(acceptedFundedApplication('npq-headship', { fundedPlace: true })), 'previously_funded')
  })

  it('an application without a funded place (capped cohort, the provider said no) does not count', () => {
    assert.equal(previous(acceptedFundedApplication('npq-headship', { fundedPlace: false })), F)
  })

  it('an application the provider has not accepted (pending or rejected) does not count', () => {
    assert.equal(previous(acceptedFundedApplication('npq-headship', { accepted: false })), F)
  })

  it('an application that was not eligible for funding (the person paid) does not count', () => {
    assert.equal(previous(acceptedFundedApplication('npq-headship', { eligibleForFunding: false })), F)
  })

  it('a funded place on another course does not count', () => {
    assert.equal(previous(acceptedFundedApplication('npq-senior-leadership')), F)
    assert.equal(previous(acceptedFundedApplication('npq-early-headship-coaching-offer')), F)
    assert.equal(previous(acceptedFundedApplication('not-a-course')), F)
  })

  it('the coaching offer and the support offer count as one course, both ways', () => {
    const newHead = { isHeadteacher: true, inFirstFiveYearsOfHeadship: true }
    expectStatus(anInput({ ...newHead, courseIdentifier: 'npq-early-headship-coaching-offer', previousApplications: [acceptedFundedApplication('npq-additional-support-offer')] }), 'previously_funded')
    expectStatus(anInput({ ...newHead, courseIdentifier: 'npq-additional-support-offer', previousApplications: [acceptedFundedApplication('npq-early-headship-coaching-offer')] }), 'previously_funded')
    expectStatus(anInput({ ...newHead, courseIdentifier: 'npq-early-headship-coaching-offer', previousApplications: [acceptedFundedApplication('npq-headship')] }), F)
  })

  it('one qualifying application among others is enough', () => {
    const applications = [
      acceptedFundedApplication('npq-headship', { accepted: false }),
      acceptedFundedApplication('npq-senco'),
      acceptedFundedApplication('npq-headship', { fundedPlace: true }),
    ]
    expectStatus(anInput({ previousApplications: applications }), 'previously_funded')
  })
})

describe('boundary cases', () => {
  it('childminders: on the list funded, off the list not, for Early years leadership only', () => {
    const course = 'npq-early-years-leadership'
    expectStatus(anInput({ ...childcare('childminder', PRIVATE_NURSERY, { childminder: true }), courseIdentifier: course }), F)
    expectStatus(anInput({ ...childcare('childminder', PRIVATE_NURSERY, { childminder: false }), courseIdentifier: course }), C)
    expectStatus(anInput({ ...childcare('childminder', PRIVATE_NURSERY, { childminder: true }), courseIdentifier: 'npq-senco' }), E)
  })

  it('a local authority nursery school (type 15) is funded for SENCO, Headship and Senior leadership; other nurseries are not', () => {
    for (const course of ['npq-senco', 'npq-headship', 'npq-senior-leadership'] as const) {
      expectStatus(anInput({ ...childcare('local_authority_maintained_nursery', LA_NURSERY_SCHOOL), courseIdentifier: course }), F)
      expectStatus(anInput({ ...childcare('local_authority_maintained_nursery', { kind: 'school', establishmentTypeCode: 1, urn: '1' }), courseIdentifier: course }), E)
      expectStatus(anInput({ ...childcare('local_authority_maintained_nursery', null), courseIdentifier: course }), E)
    }
    expectStatus(anInput({ ...childcare('local_authority_maintained_nursery', LA_NURSERY_SCHOOL), courseIdentifier: 'npq-leading-teaching' }), E)
  })

  it('an LA nursery school chosen in the school setting follows the school rules', () => {
    expectStatus(anInput({ workSetting: 'a_school', institution: LA_NURSERY_SCHOOL, courseIdentifier: 'npq-headship' }), F)
    expectStatus(anInput({ workSetting: 'a_school', institution: LA_NURSERY_SCHOOL, courseIdentifier: 'npq-leading-teaching' }), P)
  })

  it('a 16 to 19 setting is funded for a PP50-only course when its UKPRN is on the PP50 FE list, not when only its URN is on the schools list', () => {
    const sixteenToNineteen = { workSetting: 'a_16_to_19_educational_setting' as const, institution: FE_COLLEGE, courseIdentifier: 'npq-leading-teaching-development' as const }
    expectStatus(anInput({ ...sixteenToNineteen, lists: lists({ pp50FurtherEducation: true }) }), F)
    expectStatus(anInput({ ...sixteenToNineteen, lists: lists({ pp50School: true }) }), P)
    expectStatus(anInput({ ...sixteenToNineteen, lists: lists({}) }), P)
  })

  it('a school is funded for a PP50-only course from its URN on the schools list, not from the FE list', () => {
    expectStatus(anInput({ courseIdentifier: 'npq-leading-teaching', lists: lists({ pp50School: true }) }), F)
    expectStatus(anInput({ courseIdentifier: 'npq-leading-teaching', lists: lists({ pp50FurtherEducation: true }) }), P)
  })

  it('a lead mentor is funded for Leading teacher development only with an approved ITT provider', () => {
    const leadMentor = { ...another('lead_mentor_for_accredited_itt_provider'), courseIdentifier: 'npq-leading-teaching-development' as const }
    expectStatus(anInput({ ...leadMentor, ittProviderApproved: true }), F)
    expectStatus(anInput({ ...leadMentor, ittProviderApproved: false }), T)
    expectStatus(anInput({ ...leadMentor, ittProviderApproved: true, courseIdentifier: 'npq-headship' }), L)
  })

  it('an approved ITT provider makes no difference to anyone but a lead mentor', () => {
    expectStatus(anInput({ ...another('hospital_school', true), courseIdentifier: 'npq-leading-teaching-development' }), T)
    expectStatus(anInput({ courseIdentifier: 'npq-leading-teaching-development', ittProviderApproved: true }), P)
  })

  it('a Return to Teaching referral only matters in the "other" setting', () => {
    expectStatus(anInput({ referredByReturnToTeachingAdviser: true, institution: INDEPENDENT_SCHOOL }), T)
    expectStatus(anInput({ ...another(null), referredByReturnToTeachingAdviser: true }), T)
  })

  it('every eligible GIAS establishment type is funded for Headship, and every other type is not', () => {
    // Written out from DfE's list of 30 state-funded establishment types.
    const eligible = [1, 2, 3, 5, 6, 7, 8, 10, 12, 14, 15, 18, 24, 26, 28, 31, 32, 33, 34, 35, 36, 38, 39, 40, 41, 42, 43, 44, 45, 46]
    assert.equal(eligible.length, 30)
    for (let code = 0; code <= 60; code++) {
      if (code === 30) continue // Welsh: see the next test
      const input = anInput({ institution: { kind: 'school', establishmentTypeCode: code, urn: '100000' } })
      expectStatus(input, eligible.includes(code) ? F : T, `establishment type ${code}`)
    }
  })

  it('a Welsh establishment (type 30) is not in England, whatever the person answered', () => {
    expectStatus(anInput({ institution: WELSH_SCHOOL }), 'not_in_england')
    expectStatus(anInput({ institution: WELSH_SCHOOL, lists: lists({ riseSchool: true }) }), 'not_in_england')
  })

  it('no work setting (never asked) is ineligible', () => {
    expectStatus(anInput({ workSetting: null, institution: null }), T)
  })

  it('an unknown course is a programming error, not a silent decision', () => {
    assert.throws(() => decideFunding(anInput({ courseIdentifier: 'npq-basket-weaving' as CourseIdentifier })), RangeError)
  })
})

describe('decisions', () => {
  it('funded and subject to review follow the status code', () => {
    assert.deepEqual(decideFunding(anInput()), { statusCode: 'funded', funded: true, subjectToReview: false })
    assert.deepEqual(decideFunding(anInput({ ...another('hospital_school'), courseIdentifier: 'npq-senco' })), {
      statusCode: 'subject_to_review',
      funded: false,
      subjectToReview: true,
    })
    assert.deepEqual(decideFunding(anInput({ workSetting: 'other', institution: null, referredByReturnToTeachingAdviser: true })), {
      statusCode: 'referred_by_return_to_teaching_adviser',
      funded: false,
      subjectToReview: true,
    })
    assert.deepEqual(decideFunding(anInput({ institution: INDEPENDENT_SCHOOL })), { statusCode: T, funded: false, subjectToReview: false })
  })

  it('every status code can be reached', () => {
    const reached = new Set<string>()
    for (const { situation, course } of everyCourseInEverySituation()) {
      reached.add(decideFunding(anInput({ ...situation.input, courseIdentifier: course })).statusCode)
    }
    reached.add(decideFunding(anInput({ cohortFundingMode: 'zero' })).statusCode)
    reached.add(decideFunding(anInput({ worksInEngland: false })).statusCode)
    reached.add(decideFunding(anInput({ previousApplications: [acceptedFundedApplication('npq-headship')] })).statusCode)
    assert.deepEqual([...reached].sort(), [...FUNDING_STATUS_CODES].sort())
  })
})

describe('properties over any answers', () => {
  const courseArb = fc.constantFrom(...ALL_COURSES)
  const institutionArb = fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant('school' as const), establishmentTypeCode: fc.integer({ min: 0, max: 60 }), urn: fc.constant('100000'), ukprn: fc.option(fc.constant('10000000'), { nil: null }) }),
    fc.record({ kind: fc.constant('private_childcare_provider' as const), urn: fc.constant('EY123456') }),
  )
  const previousArb = fc.record({
    courseIdentifier: fc.oneof(courseArb, fc.constant('unknown-course')),
    accepted: fc.boolean(),
    eligibleForFunding: fc.boolean(),
    fundedPlace: fc.option(fc.boolean(), { nil: null }),
  })
  const inputArb: fc.Arbitrary<FundingInput> = fc.record({
    cohortFundingMode: fc.constantFrom<CohortFundingMode>('zero', 'capped', 'full'),
    courseIdentifier: courseArb,
    worksInEngland: fc.boolean(),
    workSetting: fc.constantFrom<WorkSetting | null>(null, 'early_years_or_childcare', 'a_school', 'an_academy_trust', 'a_16_to_19_educational_setting', 'another_setting', 'other'),
    kindOfNursery: fc.constantFrom<KindOfNursery | null>(null, 'local_authority_maintained_nursery', 'preschool_class_as_part_of_school', 'private_nursery', 'childminder', 'another_early_years_setting'),
    institution: institutionArb,
    employmentType: fc.constantFrom<EmploymentType | null>(null, 'local_authority_virtual_school', 'hospital_school', 'young_offender_institution', 'local_authority_supply_teacher', 'lead_mentor_for_accredited_itt_provider'),
    ittProviderApproved: fc.boolean(),
    referredByReturnToTeachingAdviser: fc.boolean(),
    isHeadteacher: fc.boolean(),
    inFirstFiveYearsOfHeadship: fc.boolean(),
    lists: fc.record({ pp50School: fc.boolean(), pp50FurtherEducation: fc.boolean(), childminder: fc.boolean(), localAuthorityNursery: fc.boolean(), riseSchool: fc.boolean() }),
    previousApplications: fc.array(previousArb, { maxLength: 4 }),
  })

  it('gives a known code, consistent flags, the same answer twice, and leaves its input alone', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // fast-check's records have no prototype, so compare what callers could see.
        const before = JSON.stringify(input)
        const decision = decideFunding(input)
        assert.ok((FUNDING_STATUS_CODES as readonly string[]).includes(decision.statusCode))
        assert.equal(decision.funded, decision.statusCode === 'funded')
        assert.equal(decision.subjectToReview, decision.statusCode === 'subject_to_review' || decision.statusCode === 'referred_by_return_to_teaching_adviser')
        assert.deepEqual(decideFunding(input), decision)
        assert.equal(JSON.stringify(input), before)
      }),
      { numRuns: 2000 },
    )
  })

  it('an unfunded cohort is never funded; capped and full cohorts decide the same', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        assert.equal(decideFunding({ ...input, cohortFundingMode: 'zero' }).statusCode, 'unfunded_cohort')
        assert.deepEqual(decideFunding({ ...input, cohortFundingMode: 'capped' }), decideFunding({ ...input, cohortFundingMode: 'full' }))
      }),
      { numRuns: 1000 },
    )
  })

  it('the local authority nurseries list, applications never accepted and unfunded places never change the decision', () => {
    fc.assert(
      fc.property(inputArb, fc.boolean(), fc.array(previousArb, { maxLength: 3 }), (input, onNurseryList, extra) => {
        const notFundedPlaces = extra.map((application) => ({ ...application, accepted: false }))
        const changed = { ...input, lists: { ...input.lists, localAuthorityNursery: onNurseryList }, previousApplications: [...input.previousApplications, ...notFundedPlaces] }
        assert.deepEqual(decideFunding(changed), decideFunding(input))
      }),
      { numRuns: 1000 },
    )
  })
})
