import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { verifiesStrictly } from './strict-verification.ts'

const match = (agreedFields: string[], reasons: string[] = [], trn = '1000001') => ({ outcome: 'match' as const, trn, agreedFields, reasons })
const ALL = ['firstName', 'lastName', 'dateOfBirth', 'nationalInsuranceNumber', 'trn']

describe('verifying a TRN to the strict policy', () => {
  it('verifies date of birth, TRN and NI number agreeing', () => {
    assert.equal(verifiesStrictly(match(['dateOfBirth', 'nationalInsuranceNumber', 'trn'], ['national_insurance_number_matches']), '1000001'), true)
    assert.equal(verifiesStrictly(match(ALL, ['national_insurance_number_matches']), '1000001'), true)
  })

  it('verifies date of birth, TRN and both names when the record has no NI number', () => {
    assert.equal(verifiesStrictly(match(['firstName', 'lastName', 'dateOfBirth', 'trn']), '1000001'), true)
    assert.equal(verifiesStrictly(match(['lastName', 'dateOfBirth', 'trn']), '1000001'), false, 'the first name too')
    assert.equal(verifiesStrictly(match(['firstName', 'dateOfBirth', 'trn']), '1000001'), false, 'the last name too')
  })

  it('refuses names in place of an NI number the record has and that differs, even by a digit', () => {
    for (const reason of ['national_insurance_number_different', 'national_insurance_number_one_digit_different', 'national_insurance_number_digits_transposed']) {
      assert.equal(verifiesStrictly(match(['firstName', 'lastName', 'dateOfBirth', 'trn'], [reason]), '1000001'), false, reason)
    }
  })

  it('always needs the date of birth and the TRN', () => {
    assert.equal(verifiesStrictly(match(ALL.filter((field) => field !== 'dateOfBirth'), ['national_insurance_number_matches']), '1000001'), false)
    assert.equal(verifiesStrictly(match(ALL.filter((field) => field !== 'trn'), ['national_insurance_number_matches']), '1000001'), false)
  })

  it('refuses a match on another record than the TRN given, and anything but a match', () => {
    assert.equal(verifiesStrictly(match(ALL, ['national_insurance_number_matches'], '1000002'), '1000001'), false)
    assert.equal(verifiesStrictly({ outcome: 'possible', candidates: [{ trn: '1000001', score: 90, reasons: [] }] }, '1000001'), false)
    assert.equal(verifiesStrictly({ outcome: 'none' }, '1000001'), false)
    assert.equal(verifiesStrictly({ outcome: 'unavailable', reason: 'timeout' }, '1000001'), false)
  })
})
