import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ANOTHER_SETTING_REVIEWABLE_COURSES,
  COURSES,
  LA_NURSERY_APPROVED_COURSES,
  LEAD_MENTOR_COURSE,
  NEW_HEADTEACHER_COURSES,
  PP50_ONLY_COURSES,
  courseAndRebrandedAlternatives,
  courseByIdentifier,
  displayedCourses,
  isCourseIdentifier,
} from './courses.ts'
import { isEligibleEstablishmentType, isGiasEstablishmentInEngland, isLocalAuthorityNurserySchool } from './establishment-types.ts'

describe('course catalogue', () => {
  it('has the twelve NPQ courses with unique identifiers, short codes and positions', () => {
    assert.equal(COURSES.length, 12)
    assert.equal(new Set(COURSES.map((course) => course.identifier)).size, 12)
    assert.equal(new Set(COURSES.map((course) => course.shortCode)).size, 12)
    assert.equal(new Set(COURSES.map((course) => course.position)).size, 12)
    assert.equal(courseByIdentifier('npq-headship')?.shortCode, 'NPQH')
    assert.equal(courseByIdentifier('npq-senco')?.group, 'leadership')
    assert.equal(courseByIdentifier('npq-leading-literacy')?.group, 'specialist')
    assert.equal(courseByIdentifier('npq-early-headship-coaching-offer')?.group, 'ehco')
    assert.equal(courseByIdentifier('npq-additional-support-offer')?.group, 'support')
  })

  it('finds nothing for identifiers that are not courses', () => {
    for (const value of ['', 'NPQH', 'npq-headship ', 'constructor', '__proto__', 'toString']) {
      assert.equal(courseByIdentifier(value), undefined, value)
      assert.equal(isCourseIdentifier(value), false, value)
    }
    assert.equal(isCourseIdentifier(42), false)
  })

  it('shows every course but the retired support offer, in position order', () => {
    const shown = displayedCourses().map((course) => course.identifier)
    assert.equal(shown.length, 11)
    assert.ok(!shown.includes('npq-additional-support-offer'))
    assert.deepEqual(displayedCourses().map((course) => course.position), [...displayedCourses().map((course) => course.position)].sort((a, b) => a - b))
  })

  it('cannot be changed by a caller', () => {
    assert.throws(() => {
      ;(COURSES[0] as { name: string }).name = 'changed'
    }, TypeError)
    assert.throws(() => (COURSES as unknown as unknown[]).push({}), TypeError)
  })

  it('rule sets name catalogue courses only', () => {
    for (const identifier of [...PP50_ONLY_COURSES, ...LA_NURSERY_APPROVED_COURSES, ...ANOTHER_SETTING_REVIEWABLE_COURSES, ...NEW_HEADTEACHER_COURSES, LEAD_MENTOR_COURSE]) {
      assert.ok(courseByIdentifier(identifier), identifier)
    }
  })

  it('treats the coaching offer and the support offer as the same course, and nothing else', () => {
    assert.deepEqual(courseAndRebrandedAlternatives('npq-early-headship-coaching-offer'), ['npq-early-headship-coaching-offer', 'npq-additional-support-offer'])
    assert.deepEqual(courseAndRebrandedAlternatives('npq-additional-support-offer'), ['npq-additional-support-offer', 'npq-early-headship-coaching-offer'])
    assert.deepEqual(courseAndRebrandedAlternatives('npq-headship'), ['npq-headship'])
  })
})

describe('GIAS establishment types', () => {
  it('knows local authority nursery schools', () => {
    assert.equal(isLocalAuthorityNurserySchool(15), true)
    assert.equal(isLocalAuthorityNurserySchool(1), false)
    assert.equal(isEligibleEstablishmentType(15), true)
  })

  it('does not fund independent schools, universities, Welsh or overseas establishments', () => {
    for (const code of [11, 25, 27, 29, 30, 37, 56]) assert.equal(isEligibleEstablishmentType(code), false, String(code))
  })

  it('places Welsh, overseas and "does not apply" establishments outside England', () => {
    assert.equal(isGiasEstablishmentInEngland({ establishmentTypeCode: 1, laCode: '201' }), true)
    assert.equal(isGiasEstablishmentInEngland({ establishmentTypeCode: 30, laCode: '201' }), false)
    for (const laCode of ['000', '673', '702', '704', '708']) {
      assert.equal(isGiasEstablishmentInEngland({ establishmentTypeCode: 1, laCode }), false, laCode)
    }
  })
})
