import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canOpen, currentStep, previousStep, stepAfter, walk } from '../../../../packages/kit/src/journeys/step-graph.ts'
import {
  establishment,
  FINISHED,
  openContext,
  STARTED,
  stateOf,
} from '../testing/registration-states.ts'
import type { RegistrationAnswers } from './answers.ts'
import { NOT_ON_ANY_LIST, type RegistrationContext, type RegistrationState } from './context.ts'
import { pathAnswers, readyToSubmit, registrationFlow } from './flow.ts'
import { fundingDecision, fundingOutcomeKey } from './funding-input.ts'
import type { StepId } from './step.ts'

// The registration flow as pure functions: which pages each kind of person sees, in which order, and what counts.

/** The person read the funding page for their current outcome. */
function readFunding(answers: RegistrationAnswers, context: Partial<RegistrationContext> = {}): RegistrationAnswers {
  return { ...answers, fundingSeen: fundingOutcomeKey(stateOf(answers, context)) ?? undefined }
}

function pathOf(answers: RegistrationAnswers, context: Partial<RegistrationContext> = {}): StepId[] {
  return walk(registrationFlow, stateOf(answers, context))
}

const headteacherAtStBedes = { school: establishment() }
const atHarewoodLane = { school: establishment({ urn: '107912', name: 'Harewood Lane Primary School', establishmentTypeCode: 1, lists: { pp50School: true } }) }

describe('the registration flow', () => {
  it('starts by asking when the course starts, and asks nothing else until that is answered', () => {
    assert.deepEqual(pathOf({}), ['course-start-date'])
    assert.equal(currentStep(registrationFlow, stateOf({})), 'course-start-date')
  })

  it('takes someone in a school through the school search to a funded course and check answers', () => {
    const answers = readFunding({ ...STARTED, workSetting: 'a_school', schoolUrn: '107968', courseIdentifier: 'npq-headship' }, headteacherAtStBedes)
    assert.deepEqual(pathOf({ ...answers, ...FINISHED }, headteacherAtStBedes), [
      'course-start-date',
      'provider-check',
      'teacher-catchment',
      'work-setting',
      'choose-school',
      'choose-your-npq',
      'possible-funding',
      'choose-your-provider',
      'share-provider',
      'check-answers',
    ])
    assert.equal(readyToSubmit(stateOf({ ...answers, ...FINISHED }, headteacherAtStBedes)), true)
  })

  it('sends academy trust and 16 to 19 staff to the same school search', () => {
    for (const workSetting of ['an_academy_trust', 'a_16_to_19_educational_setting'] as const) {
      assert.equal(currentStep(registrationFlow, stateOf({ ...STARTED, workSetting })), 'choose-school')
    }
  })

  it('stops someone who has not chosen an NPQ and provider, with a way back', () => {
    const state = stateOf({ courseStartCohort: '2026b', chosenProvider: 'no' })
    assert.deepEqual(walk(registrationFlow, state), ['course-start-date', 'provider-check', 'choose-an-npq-and-provider'])
    assert.equal(registrationFlow.next('choose-an-npq-and-provider', state), null)
    assert.equal(previousStep(registrationFlow, 'choose-an-npq-and-provider', state), 'provider-check')
  })

  it('skips the workplace questions for someone outside England, who is not funded', () => {
    const answers: RegistrationAnswers = { courseStartCohort: '2026b', chosenProvider: 'yes', teacherCatchment: 'another', teacherCatchmentCountry: 'Spain', workSetting: 'a_school', courseIdentifier: 'npq-headship' }
    assert.deepEqual(pathOf(answers).slice(-4), ['teacher-catchment', 'work-setting', 'choose-your-npq', 'ineligible-for-funding'])
    assert.equal(fundingDecision(stateOf(answers))?.statusCode, 'not_in_england')
    assert.deepEqual(pathOf({ ...readFunding(answers), fundingChoice: 'self', ...FINISHED }).slice(-5), [
      'ineligible-for-funding',
      'funding-your-npq',
      'choose-your-provider',
      'share-provider',
      'check-answers',
    ])
  })

  it('does not count "No" to working in England until the country is given', () => {
    assert.equal(currentStep(registrationFlow, stateOf({ courseStartCohort: '2026b', chosenProvider: 'yes', teacherCatchment: 'another' })), 'teacher-catchment')
  })

  it('stops at "must be in England" when the chosen school is in Wales', () => {
    const welsh = { school: establishment({ urn: '401820', name: 'Ysgol Gynradd Glan Taf', inEngland: false, establishmentTypeCode: 30 }) }
    const state = stateOf({ ...STARTED, workSetting: 'a_school', schoolUrn: '401820' }, welsh)
    assert.deepEqual(walk(registrationFlow, state).slice(-2), ['choose-school', 'school-not-in-england'])
    assert.equal(currentStep(registrationFlow, state), 'school-not-in-england')
  })

  it('asks again for a school that is no longer in the data', () => {
    assert.equal(currentStep(registrationFlow, stateOf({ ...STARTED, workSetting: 'a_school', schoolUrn: '999999' })), 'choose-school')
  })

  describe('early years', () => {
    const early = { ...STARTED, workSetting: 'early_years_or_childcare' as const }

    it('searches establishments for local authority nurseries and pre-school classes', () => {
      for (const kindOfNursery of ['local_authority_maintained_nursery', 'preschool_class_as_part_of_school'] as const) {
        assert.equal(currentStep(registrationFlow, stateOf({ ...early, kindOfNursery })), 'choose-childcare-provider')
      }
      const nursery = { nursery: establishment({ urn: '108021', name: 'Kirkstall Forge Nursery School', establishmentTypeCode: 15 }) }
      const answers = { ...early, kindOfNursery: 'local_authority_maintained_nursery' as const, nurseryUrn: '108021', courseIdentifier: 'npq-senior-leadership' }
      assert.equal(currentStep(registrationFlow, stateOf(answers, nursery)), 'possible-funding')
      assert.equal(fundingDecision(stateOf(answers, nursery))?.statusCode, 'funded')
    })

    it('asks private nurseries and childminders for an Ofsted URN, and goes on without one', () => {
      const childminder = { ...early, kindOfNursery: 'childminder' as const }
      assert.equal(currentStep(registrationFlow, stateOf(childminder)), 'have-ofsted-urn')
      assert.equal(currentStep(registrationFlow, stateOf({ ...childminder, hasOfstedUrn: 'yes' })), 'choose-private-childcare-provider')
      assert.equal(currentStep(registrationFlow, stateOf({ ...childminder, hasOfstedUrn: 'no' })), 'choose-your-npq')
      const listed = { privateChildcareProvider: { urn: 'EY701556', name: 'Jodie Harper', lists: { ...NOT_ON_ANY_LIST, childminder: true } } }
      const withUrn = { ...childminder, hasOfstedUrn: 'yes' as const, privateChildcareProviderUrn: 'EY701556', courseIdentifier: 'npq-early-years-leadership' }
      assert.equal(currentStep(registrationFlow, stateOf(withUrn, listed)), 'possible-funding')
      assert.equal(fundingDecision(stateOf({ ...childminder, hasOfstedUrn: 'no', courseIdentifier: 'npq-early-years-leadership' }))?.statusCode, 'not_entitled_childminder')
    })
  })

  describe('another setting', () => {
    const another = { ...STARTED, workSetting: 'another_setting' as const }

    it('asks lead mentors for their ITT provider, and funds Leading teacher development with an approved one', () => {
      const mentor = { ...another, employmentType: 'lead_mentor_for_accredited_itt_provider' as const }
      assert.equal(currentStep(registrationFlow, stateOf(mentor)), 'itt-provider')
      const provider = { ittProvider: { legalName: 'Northern Lights Teacher Training Trust', operatingName: 'Northern Lights SCITT', approved: true } }
      const answers = { ...mentor, ittProvider: 'Northern Lights Teacher Training Trust', courseIdentifier: 'npq-leading-teaching-development' }
      assert.deepEqual(pathOf(answers, provider).slice(-3), ['itt-provider', 'choose-your-npq', 'possible-funding'])
      assert.equal(fundingDecision(stateOf({ ...answers, courseIdentifier: 'npq-headship' }, provider))?.statusCode, 'not_lead_mentor_course')
    })

    it('asks hospital school and young offender institution staff only for their employer', () => {
      for (const employmentType of ['hospital_school', 'young_offender_institution'] as const) {
        assert.deepEqual(pathOf({ ...another, employmentType, employerName: 'St Elsewhere' }).slice(-3), ['your-employment', 'your-employer', 'choose-your-npq'])
      }
    })

    it('asks virtual school and supply teachers for their role and employer, and reviews their funding', () => {
      const answers = { ...another, employmentType: 'local_authority_virtual_school' as const, employmentRole: 'Teacher', employerName: 'Essex County Council', courseIdentifier: 'npq-headship' }
      assert.deepEqual(pathOf(answers).slice(-5), ['your-employment', 'your-role', 'your-employer', 'choose-your-npq', 'possible-funding'])
      assert.equal(fundingDecision(stateOf(answers))?.statusCode, 'subject_to_review')
      // Reviewed, not funded yet: they say how they would pay if the review says no.
      assert.equal(registrationFlow.next('possible-funding', stateOf(answers)), 'funding-your-npq')
    })
  })

  it('asks others whether a Return to Teaching adviser referred them', () => {
    const answers = { ...STARTED, workSetting: 'other' as const, referredByReturnToTeachingAdviser: 'yes' as const, courseIdentifier: 'npq-senior-leadership' }
    assert.deepEqual(pathOf(answers).slice(-3), ['referred-by-return-to-teaching-adviser', 'choose-your-npq', 'possible-funding'])
    assert.equal(fundingDecision(stateOf(answers))?.statusCode, 'referred_by_return_to_teaching_adviser')
    assert.equal(fundingDecision(stateOf({ ...answers, referredByReturnToTeachingAdviser: 'no' }))?.statusCode, 'ineligible_establishment_type')
  })

  describe('the Early headship coaching offer', () => {
    const ehco = { ...STARTED, workSetting: 'a_school' as const, schoolUrn: '107968', courseIdentifier: 'npq-early-headship-coaching-offer' }

    it('is unavailable without the Headship NPQ', () => {
      const state = stateOf({ ...ehco, npqhStatus: 'none' }, headteacherAtStBedes)
      assert.deepEqual(walk(registrationFlow, state).slice(-3), ['choose-your-npq', 'npqh-status', 'ehco-unavailable'])
      assert.equal(registrationFlow.isAnswered('ehco-unavailable', state), false)
    })

    it('is funded for headteachers in their first 5 years', () => {
      const answers = { ...ehco, npqhStatus: 'completed_npqh' as const, ehcoHeadteacher: 'yes' as const, ehcoNewHeadteacher: 'yes' as const }
      assert.deepEqual(pathOf(readFunding(answers, headteacherAtStBedes), headteacherAtStBedes).slice(-5), [
        'npqh-status',
        'ehco-headteacher',
        'ehco-new-headteacher',
        'possible-funding',
        'choose-your-provider',
      ])
    })

    it('asks others how they will pay for the coaching offer', () => {
      const notHead = { ...ehco, npqhStatus: 'studying_npqh' as const, ehcoHeadteacher: 'no' as const }
      assert.deepEqual(pathOf({ ...readFunding(notHead, headteacherAtStBedes), ehcoFundingChoice: 'school' }, headteacherAtStBedes).slice(-4), [
        'ehco-headteacher',
        'ineligible-for-funding',
        'funding-your-ehco',
        'choose-your-provider',
      ])
      const longServing = { ...ehco, npqhStatus: 'completed_npqh' as const, ehcoHeadteacher: 'yes' as const, ehcoNewHeadteacher: 'no' as const }
      assert.equal(fundingDecision(stateOf(longServing, headteacherAtStBedes))?.statusCode, 'not_new_headteacher_requesting_ehco')
    })
  })

  describe('Leading primary mathematics', () => {
    const maths = { ...STARTED, workSetting: 'a_school' as const, schoolUrn: '107912', courseIdentifier: 'npq-leading-primary-mathematics' }

    it('is funded at a PP50 school for someone with Teaching for Mastery', () => {
      assert.equal(currentStep(registrationFlow, stateOf({ ...maths, mathsEligibilityTeachingForMastery: 'yes' }, atHarewoodLane)), 'possible-funding')
    })

    it('asks how else they can show mastery, and stops those who cannot', () => {
      const no = { ...maths, mathsEligibilityTeachingForMastery: 'no' as const }
      assert.equal(currentStep(registrationFlow, stateOf(no, atHarewoodLane)), 'maths-understanding-of-approach')
      assert.equal(currentStep(registrationFlow, stateOf({ ...no, mathsUnderstandingOfApproach: 'cannot_show' }, atHarewoodLane)), 'maths-cannot-register')
      assert.equal(currentStep(registrationFlow, stateOf({ ...no, mathsUnderstandingOfApproach: 'another_way' }, atHarewoodLane)), 'possible-funding')
    })

    it('is not funded at a school that is not on the PP50 list', () => {
      const state = stateOf({ ...maths, schoolUrn: '107968', mathsEligibilityTeachingForMastery: 'yes' }, headteacherAtStBedes)
      assert.equal(currentStep(registrationFlow, state), 'ineligible-for-funding')
      assert.equal(fundingDecision(state)?.statusCode, 'ineligible_establishment_not_a_pp50')
    })
  })

  describe('SENCO', () => {
    const senco = { ...STARTED, workSetting: 'a_school' as const, schoolUrn: '107968', courseIdentifier: 'npq-senco' }

    it('asks SENCOs when they started', () => {
      assert.equal(currentStep(registrationFlow, stateOf({ ...senco, sencoInRole: 'yes' }, headteacherAtStBedes)), 'senco-start-date')
      assert.equal(currentStep(registrationFlow, stateOf({ ...senco, sencoInRole: 'yes', sencoStartDate: '2021-09' }, headteacherAtStBedes)), 'possible-funding')
    })

    it('goes straight to funding for people who are not SENCOs', () => {
      assert.equal(currentStep(registrationFlow, stateOf({ ...senco, sencoInRole: 'no_but_i_plan_to_become_one' }, headteacherAtStBedes)), 'possible-funding')
    })
  })

  it('explains that the spring cohort is not funded', () => {
    const answers = { ...STARTED, courseStartCohort: '2026a', workSetting: 'a_school' as const, schoolUrn: '107968', courseIdentifier: 'npq-headship' }
    assert.equal(fundingDecision(stateOf(answers, headteacherAtStBedes))?.statusCode, 'unfunded_cohort')
    assert.equal(currentStep(registrationFlow, stateOf(answers, headteacherAtStBedes)), 'ineligible-for-funding')
  })

  it('does not count a previously funded place twice', () => {
    const answers = { ...STARTED, workSetting: 'a_school' as const, schoolUrn: '107968', courseIdentifier: 'npq-headship' }
    const earlier = [{ courseIdentifier: 'npq-headship', cohortIdentifier: '2025b', accepted: true, pending: false, eligibleForFunding: true, fundedPlace: null }]
    assert.equal(fundingDecision(stateOf(answers, { ...headteacherAtStBedes, earlierApplications: earlier }))?.statusCode, 'previously_funded')
  })

  describe('what counts', () => {
    it('ignores the answers of a branch the person has left, on check answers, at submission and for funding', () => {
      // They chose a school, then went back and said they work in early years, at a local authority nursery.
      const context = {
        school: establishment({ urn: '107912', establishmentTypeCode: 1, lists: { pp50School: true } }),
        nursery: establishment({ urn: '108021', name: 'Kirkstall Forge Nursery School', establishmentTypeCode: 15, ukprn: null }),
      }
      const answers = readFunding(
        {
          ...STARTED,
          workSetting: 'early_years_or_childcare',
          schoolSearch: 'harewood',
          schoolUrn: '107912',
          kindOfNursery: 'local_authority_maintained_nursery',
          nurseryUrn: '108021',
          courseIdentifier: 'npq-leading-primary-mathematics',
          mathsEligibilityTeachingForMastery: 'yes',
          ...FINISHED,
        },
        context,
      )
      const state = stateOf(answers, context)
      const counted = pathAnswers(state)
      assert.equal(counted.schoolUrn, undefined)
      assert.equal(counted.schoolSearch, undefined)
      assert.equal(counted.nurseryUrn, '108021')
      // At the PP50 school this would be funded; at a nursery it is not.
      assert.equal(fundingDecision(state)?.statusCode, 'early_years_invalid_npq')
    })

    it('forgets nothing it has been told: going back to the first branch finds its answers again', () => {
      const answers = { ...STARTED, workSetting: 'a_school' as const, schoolUrn: '107968', kindOfNursery: 'private_nursery' as const }
      assert.equal(pathAnswers(stateOf(answers, headteacherAtStBedes)).schoolUrn, '107968')
      assert.equal(pathAnswers(stateOf(answers, headteacherAtStBedes)).kindOfNursery, undefined)
    })

    it('shows the funding page again when a change alters the funding outcome', () => {
      const answers = readFunding({ ...STARTED, workSetting: 'a_school', schoolUrn: '107968', courseIdentifier: 'npq-headship', ...FINISHED }, headteacherAtStBedes)
      const funded = stateOf(answers, headteacherAtStBedes)
      assert.equal(currentStep(registrationFlow, funded), 'check-answers')
      // Changed from check answers to a course this school is not funded for.
      const changed = stateOf({ ...answers, courseIdentifier: 'npq-leading-literacy' }, headteacherAtStBedes)
      assert.equal(stepAfter(registrationFlow, 'choose-your-npq', changed, true), 'ineligible-for-funding')
    })

    it('returns to check answers after a change that opens no new question', () => {
      const answers = readFunding({ ...STARTED, workSetting: 'a_school', schoolUrn: '107968', courseIdentifier: 'npq-headship', ...FINISHED }, headteacherAtStBedes)
      const changedProvider = stateOf({ ...answers, leadProvider: 'ambition-institute' }, headteacherAtStBedes)
      assert.equal(stepAfter(registrationFlow, 'choose-your-provider', changedProvider, true), 'check-answers')
    })

    it('asks again for a course, cohort or provider that is no longer offered', () => {
      const answers = readFunding({ ...STARTED, workSetting: 'a_school', schoolUrn: '107968', courseIdentifier: 'npq-headship', ...FINISHED }, headteacherAtStBedes)
      const withoutHeadship: RegistrationState = stateOf(answers, { ...headteacherAtStBedes, courses: openContext().courses.filter((course) => course.identifier !== 'npq-headship') })
      assert.equal(currentStep(registrationFlow, withoutHeadship), 'choose-your-npq')
      assert.equal(currentStep(registrationFlow, stateOf(answers, { ...headteacherAtStBedes, providers: [] })), 'choose-your-provider')
      assert.equal(currentStep(registrationFlow, stateOf(answers, { ...headteacherAtStBedes, cohorts: [] })), 'course-start-date')
    })

    it('refuses a deep link past where the person has got', () => {
      const state = stateOf({ courseStartCohort: '2026b' })
      assert.equal(canOpen(registrationFlow, 'check-answers', state), false)
      assert.equal(canOpen(registrationFlow, 'choose-school', state), false)
      assert.equal(canOpen(registrationFlow, 'provider-check', state), true)
    })
  })
})
