import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CandidateRecord } from '../../shared/records.ts'
import { compareRecord, statedColumn, type StatedDetails } from './compare.ts'

const record: CandidateRecord = {
  trn: '1000001',
  firstName: 'Sarah',
  middleName: 'Jane',
  lastName: 'Thompson',
  previousLastNames: ['Evans'],
  dateOfBirth: '1986-04-12',
  nationalInsuranceNumber: 'QQ123456C',
  qtsDate: '2010-07-31',
  eytsDate: null,
  hasOpenProhibition: false,
}

const stated: StatedDetails = {
  firstName: 'sarah ',
  middleName: null,
  lastName: 'Evans',
  previousLastNames: [],
  dateOfBirth: '1986-04-12',
  nationalInsuranceNumber: 'qq 12 34 56 c',
  nationalInsuranceNumberAnswer: 'given',
  trn: '1000010',
  trnAnswer: 'given',
  hasQts: true,
}

describe('comparing what someone told us with a teaching record', () => {
  it('marks the fields that agree, ignoring case, spaces and a previous last name on either side', () => {
    const compared = compareRecord(stated, record)
    const agreements = Object.fromEntries(Object.entries(compared).map(([field, value]) => [field, value.agreement]))
    assert.deepEqual(agreements, {
      firstName: 'agrees',
      middleName: 'unknown',
      lastName: 'agrees',
      dateOfBirth: 'agrees',
      nationalInsuranceNumber: 'agrees',
      trn: 'differs',
      qts: 'agrees',
    })
    assert.equal(compared.lastName.text, 'Thompson (previously Evans)')
    assert.equal(compared.dateOfBirth.text, '12 April 1986')
    assert.equal(compared.qts.text, 'Awarded 31 July 2010')
  })

  it('says what is missing rather than calling it different', () => {
    const compared = compareRecord({ ...stated, nationalInsuranceNumber: null, trn: null, hasQts: null, dateOfBirth: null }, { ...record, qtsDate: null })
    assert.equal(compared.nationalInsuranceNumber.agreement, 'unknown')
    assert.equal(compared.trn.agreement, 'unknown')
    assert.equal(compared.qts.agreement, 'unknown')
    assert.equal(compared.qts.text, 'No QTS')
    assert.equal(compared.dateOfBirth.agreement, 'unknown')
    assert.equal(compareRecord({ ...stated, hasQts: false }, record).qts.agreement, 'differs')
  })

  it('writes the person’s answers as an agent reads them', () => {
    const column = statedColumn({ ...stated, nationalInsuranceNumber: null, nationalInsuranceNumberAnswer: 'not_known', trn: null, trnAnswer: 'none', hasQts: false, previousLastNames: ['Smith'] })
    assert.deepEqual(column, {
      firstName: 'sarah ',
      middleName: '',
      lastName: 'Evans (previously Smith)',
      dateOfBirth: '12 April 1986',
      nationalInsuranceNumber: 'They do not know it',
      trn: 'They do not have one',
      qts: 'They said they do not have QTS',
    })
  })
})
