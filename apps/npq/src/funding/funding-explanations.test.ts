import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { explainFunding, FUNDING_EXPLANATIONS } from './funding-explanations.ts'
import { FUNDING_POLICY_OVERRIDE_CODES, FUNDING_STATUS_CODES, RETIRED_FUNDING_STATUS_CODES, STORED_FUNDING_STATUS_CODES } from './funding-eligibility.ts'
import type { StoredFundingStatusCode } from './funding-eligibility.ts'

const courseName = 'NPQ for Headship (NPQH)'

describe('funding explanations', () => {
  it('every status code decideFunding gives, every override code and every retired code has an explanation', () => {
    for (const code of [...FUNDING_STATUS_CODES, ...FUNDING_POLICY_OVERRIDE_CODES, ...RETIRED_FUNDING_STATUS_CODES]) {
      const explanation = explainFunding(code, { courseName })
      assert.ok(explanation.heading.length > 0, `${code} has no heading`)
      assert.ok(explanation.paragraphs.length >= 1 && explanation.paragraphs.length <= 4, `${code} has ${explanation.paragraphs.length} paragraphs`)
    }
    assert.deepEqual(Object.keys(FUNDING_EXPLANATIONS).sort(), [...STORED_FUNDING_STATUS_CODES].sort())
  })

  it('puts the course name in and leaves no placeholder behind', () => {
    for (const code of STORED_FUNDING_STATUS_CODES) {
      const explanation = explainFunding(code, { courseName })
      const text = [explanation.heading, ...explanation.paragraphs].join('\n')
      assert.doesNotMatch(text, /[{}]/, `${code} left a placeholder: ${text}`)
    }
    assert.match(explainFunding('previously_funded', { courseName }).paragraphs[0]!, /NPQ for Headship \(NPQH\) once/)
  })

  it('says how else to pay whenever funding is refused', () => {
    const refused: StoredFundingStatusCode[] = STORED_FUNDING_STATUS_CODES.filter(
      (code) => !['funded', 'marked_funded_by_policy', 'subject_to_review', 'referred_by_return_to_teaching_adviser'].includes(code),
    )
    for (const code of refused) {
      const text = explainFunding(code, { courseName }).paragraphs.join(' ')
      assert.match(text, /pay for the course another way/, `${code} does not say how else to pay`)
      assert.match(explainFunding(code, { courseName }).heading, /not|already/, `${code} heading does not say no`)
    }
  })

  it('tells people in a capped cohort that funded places are limited, and nobody else', () => {
    assert.match(explainFunding('funded', { courseName, cohortFundingMode: 'capped' }).paragraphs.join(' '), /Funded places are limited/)
    assert.match(explainFunding('marked_funded_by_policy', { courseName, cohortFundingMode: 'capped' }).paragraphs.join(' '), /Funded places are limited/)
    assert.doesNotMatch(explainFunding('funded', { courseName, cohortFundingMode: 'full' }).paragraphs.join(' '), /limited/)
    assert.doesNotMatch(explainFunding('funded', { courseName }).paragraphs.join(' '), /limited/)
    assert.doesNotMatch(explainFunding('previously_funded', { courseName, cohortFundingMode: 'capped' }).paragraphs.join(' '), /limited/)
  })

  it('does not change the shared explanations when filling one in', () => {
    const before = structuredClone(FUNDING_EXPLANATIONS.funded)
    explainFunding('funded', { courseName: 'Something else', cohortFundingMode: 'capped' })
    assert.deepEqual(FUNDING_EXPLANATIONS.funded, before)
  })

  it('refuses a code it does not know instead of showing nothing', () => {
    assert.throws(() => explainFunding('made_up' as StoredFundingStatusCode, { courseName }), RangeError)
  })
})
