import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkHeader, checkRecordRow } from './record-row.ts'

const context = { today: '2026-11-22', alertCodes: new Set(['T1', 'G1']) }
const row = (overrides: Record<string, string> = {}) => ({
  trn: '0123456',
  first_name: 'Ada',
  middle_name: '',
  last_name: 'Lovelace',
  previous_last_names: '',
  date_of_birth: '1990-12-10',
  national_insurance_number: '',
  email: '',
  qts_date: '',
  eyts_date: '',
  induction_status: '',
  alerts: '',
  ...overrides,
})

describe('checkHeader', () => {
  it('accepts the documented columns in any order', () => {
    assert.deepEqual(checkHeader(['last_name', 'trn', 'date_of_birth', 'first_name', 'alerts']), [])
  })
  it('names every missing and unknown column', () => {
    assert.deepEqual(checkHeader(['trn', 'firstname', 'last_name']), [
      'the header has no "first_name" column',
      'the header has no "date_of_birth" column',
      'the header has an unknown column "firstname"',
    ])
  })
})

describe('checkRecordRow', () => {
  it('turns a valid row into a record, keeping leading zeros and normalising the NI number', () => {
    const checked = checkRecordRow(row({ national_insurance_number: 'qq 12 34 56 c', previous_last_names: 'Byron; King', induction_status: 'passed', alerts: 't1', qts_date: '2012-07-20' }), context)
    assert.ok(checked.ok)
    assert.equal(checked.record.trn, '0123456')
    assert.equal(checked.record.nationalInsuranceNumber, 'QQ123456C')
    assert.deepEqual(checked.record.previousNames.map((name) => name.lastName), ['Byron', 'King'])
    assert.equal(checked.record.inductionStatus, 'Passed')
    assert.deepEqual(checked.record.alertCodes, ['T1'])
    assert.equal(checked.record.middleName, null)
  })

  const rejections: Array<[string, Record<string, string>, RegExp]> = [
    ['a short TRN (a spreadsheet dropped its leading zero)', { trn: '123456' }, /trn "123456" is not exactly 7 digits/],
    ['a missing first name', { first_name: ' ' }, /first_name is empty/],
    ['a missing last name', { last_name: '' }, /last_name is empty/],
    ['an over-long name', { last_name: 'x'.repeat(101) }, /last_name is longer than 100/],
    ['31 February', { date_of_birth: '1990-02-31' }, /date_of_birth "1990-02-31" is not a real date/],
    ['a British-format date', { date_of_birth: '10/12/1990' }, /not a real date written YYYY-MM-DD/],
    ['a birth in the future', { date_of_birth: '2027-01-01' }, /date_of_birth 2027-01-01 is in the future/],
    ['a bad NI number', { national_insurance_number: 'XX1234' }, /national_insurance_number "XX1234" is not a valid NI number/],
    ['a bad email', { email: 'ada.example.com' }, /email "ada.example.com" is not an email address/],
    ['an impossible QTS date', { qts_date: '2012-13-01' }, /qts_date "2012-13-01" is not a real date/],
    ['an unknown induction status', { induction_status: 'Done' }, /induction_status "Done" is not one of/],
    ['an unknown alert type', { alerts: 'T1;ZZ9' }, /alert type "ZZ9" is not a known alert type/],
  ]
  for (const [name, overrides, reason] of rejections) {
    it(`rejects ${name}`, () => {
      const checked = checkRecordRow(row(overrides), context)
      assert.equal(checked.ok, false)
      assert.ok(!checked.ok && checked.reasons.some((text) => reason.test(text)), JSON.stringify(checked))
    })
  }

  it('lists every problem with a row, not just the first', () => {
    const checked = checkRecordRow(row({ trn: 'x', date_of_birth: 'soon', email: 'nope' }), context)
    assert.ok(!checked.ok)
    assert.equal(checked.reasons.length, 3)
  })
})
