import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareWithRecord, prepareQuery } from './compare.ts'
import type { Comparison } from './compare.ts'
import { compareDatesOfBirth, dayMonthSwap } from './dates.ts'
import { aQuery, aRecord } from './test-helpers.ts'
import type { CandidateRecord, MatchQuery } from './types.ts'

function compare(query: Partial<MatchQuery>, record: Partial<CandidateRecord>): Comparison {
  return compareWithRecord(prepareQuery(aQuery(query)), aRecord(record))
}

type Case<K extends keyof Comparison> = [string, Partial<MatchQuery>, Partial<CandidateRecord>, Comparison[K]]

function table<K extends keyof Comparison>(field: K, cases: Case<K>[]) {
  for (const [title, query, record, level] of cases) {
    it(`${title}: ${level}`, () => assert.equal(compare(query, record)[field], level))
  }
}

describe('first name', () => {
  table('firstName', [
    ['same name', { firstName: 'Sarah' }, { firstName: 'Sarah' }, 'exact'],
    ['case and spacing', { firstName: '  sARAH ' }, { firstName: 'Sarah' }, 'exact'],
    ['accents', { firstName: 'Zoe' }, { firstName: 'Zoë' }, 'exact'],
    ['hyphenated and spaced', { firstName: 'Anne Marie' }, { firstName: 'Anne-Marie' }, 'exact'],
    ['run together and spaced', { firstName: 'Maryanne' }, { firstName: 'Mary Anne' }, 'exact'],
    ['first and middle run together', { firstName: 'Mary', middleName: 'Anne' }, { firstName: 'Maryanne' }, 'exact'],
    ['two first names, one on the record', { firstName: 'Mary Anne' }, { firstName: 'Mary', middleName: 'Anne' }, 'exact'],
    ['previous first name on the record', { firstName: 'Sally' }, {
      firstName: 'Alex', previousNames: [{ firstName: 'Sally', middleName: null, lastName: 'Jones' }],
    }, 'previous'],
    ['nickname stated, full name held', { firstName: 'Bob' }, { firstName: 'Robert' }, 'nickname'],
    ['full name stated, nickname held', { firstName: 'Robert' }, { firstName: 'Bob' }, 'nickname'],
    ['two nicknames of one name', { firstName: 'Liz' }, { firstName: 'Beth' }, 'nickname'],
    ['spelling variant', { firstName: 'Katherine' }, { firstName: 'Catherine' }, 'nickname'],
    ['one letter wrong', { firstName: 'Sarha' }, { firstName: 'Sarah' }, 'typo'],
    ['two letters wrong in a long name', { firstName: 'Maximillion' }, { firstName: 'Maximilian' }, 'typo'],
    ['spelling variants in the nickname table', { firstName: 'Jonathon' }, { firstName: 'Johnathan' }, 'nickname'],
    ['known by the middle name', { firstName: 'James' }, { firstName: 'William', middleName: 'James' }, 'middle'],
    ['record holds the middle name as first', { firstName: 'William', middleName: 'James' }, { firstName: 'James' }, 'middle'],
    ['middle name by nickname', { firstName: 'Jim' }, { firstName: 'William', middleName: 'James' }, 'middle'],
    ['initial stated', { firstName: 'S' }, { firstName: 'Sarah' }, 'initial'],
    ['initial held', { firstName: 'Sarah' }, { firstName: 'S.' }, 'initial'],
    ['another name', { firstName: 'Sarah' }, { firstName: 'Harriet' }, 'different'],
    ['short names one letter apart are not typos', { firstName: 'Amy' }, { firstName: 'Ama' }, 'different'],
    ['no letters on the record', { firstName: 'Sarah' }, { firstName: '—' }, 'different'],
  ])
})

describe('middle name', () => {
  table('middleName', [
    ['same middle name', { middleName: 'Louise' }, { middleName: 'Louise' }, 'agrees'],
    ['nickname of the middle name', { middleName: 'Beth' }, { middleName: 'Elizabeth' }, 'agrees'],
    ['one of two middle names', { middleName: 'Louise' }, { middleName: 'Anne Louise' }, 'agrees'],
    ['typo', { middleName: 'Hariet' }, { middleName: 'Harriet' }, 'typo'],
    ['initial', { middleName: 'L' }, { middleName: 'Louise' }, 'initial'],
    ['none stated', {}, { middleName: 'Louise' }, 'missing'],
    ['none held', { middleName: 'Louise' }, { middleName: null }, 'missing'],
    ['two first names against first and middle', { firstName: 'Sarah Louise' }, { middleName: 'Louise' }, 'agrees'],
    ['first and middle run together leave nothing to compare', { firstName: 'Mary', middleName: 'Anne' }, {
      firstName: 'Maryanne', middleName: 'Jane',
    }, 'missing'],
    ['contradicting', { middleName: 'Louise' }, { middleName: 'Harriet' }, 'different'],
  ])

  it('compares what is left once the first name has used "Mary Anne" run together', () => {
    assert.equal(compare({ firstName: 'Mary', middleName: 'Anne' }, { firstName: 'Maryanne', middleName: null }).middleName, 'missing')
  })
})

describe('last name', () => {
  table('lastName', [
    ['same name', { lastName: 'Jones' }, { lastName: 'Jones' }, 'exact'],
    ['apostrophes', { lastName: "O'Brien" }, { lastName: 'O’Brien' }, 'exact'],
    ['apostrophe dropped', { lastName: 'OBrien' }, { lastName: "O'Brien" }, 'exact'],
    ['accents', { lastName: 'Muller' }, { lastName: 'Müller' }, 'exact'],
    ['double-barrelled with a space', { lastName: 'Smith Jones' }, { lastName: 'Smith-Jones' }, 'exact'],
    ['double-barrelled run together', { lastName: 'Smithjones' }, { lastName: 'Smith-Jones' }, 'exact'],
    ['married: stated name is a previous name on the record', { lastName: 'Jones' }, {
      lastName: 'Brown', previousNames: [{ firstName: null, middleName: null, lastName: 'Jones' }],
    }, 'previous'],
    ['married: record holds the previous name stated', { lastName: 'Brown', previousLastNames: ['Jones'] }, { lastName: 'Jones' }, 'stated_previous'],
    ['previous names on both sides', { lastName: 'Green', previousLastNames: ['Jones'] }, {
      lastName: 'Brown', previousNames: [{ firstName: null, middleName: null, lastName: 'Jones' }],
    }, 'stated_previous'],
    ['one part of a double-barrelled name on the record', { lastName: 'Jones' }, { lastName: 'Smith-Jones' }, 'part'],
    ['one part of a double-barrelled name stated', { lastName: 'Smith-Jones' }, { lastName: 'Smith' }, 'part'],
    ['part of a previous double-barrelled name', { lastName: 'Smith' }, {
      lastName: 'Brown', previousNames: [{ firstName: null, middleName: null, lastName: 'Smith-Jones' }],
    }, 'part'],
    ['a particle alone is not a shared part', { lastName: 'de Silva' }, { lastName: 'de Souza' }, 'different'],
    ['a surname that is only a particle', { lastName: 'Le' }, { lastName: 'Le' }, 'exact'],
    ['Mc and Mac are a typo, not the same name', { lastName: 'McDonald' }, { lastName: 'MacDonald' }, 'typo'],
    ['one letter wrong', { lastName: 'Jnoes' }, { lastName: 'Jones' }, 'typo'],
    ['typo of a previous name', { lastName: 'Smyth' }, {
      lastName: 'Brown', previousNames: [{ firstName: null, middleName: null, lastName: 'Smith' }],
    }, 'typo'],
    ['another name', { lastName: 'Jones' }, { lastName: 'Williams' }, 'different'],
    ['short names one letter apart are not typos', { lastName: 'Lee' }, { lastName: 'Lea' }, 'different'],
  ])
})

describe('date of birth', () => {
  table('dateOfBirth', [
    ['same date', { dateOfBirth: '1985-06-21' }, { dateOfBirth: '1985-06-21' }, 'exact'],
    ['day and month swapped', { dateOfBirth: '1985-04-06' }, { dateOfBirth: '1985-06-04' }, 'swapped'],
    ['one digit of the year', { dateOfBirth: '1986-06-21' }, { dateOfBirth: '1985-06-21' }, 'one_digit'],
    ['one digit of the day', { dateOfBirth: '1985-06-27' }, { dateOfBirth: '1985-06-21' }, 'one_digit'],
    ['two year digits swapped', { dateOfBirth: '1958-06-21' }, { dateOfBirth: '1985-06-21' }, 'transposed'],
    ['two day digits swapped', { dateOfBirth: '1985-06-12' }, { dateOfBirth: '1985-06-21' }, 'transposed'],
    ['another date', { dateOfBirth: '1979-01-02' }, { dateOfBirth: '1985-06-21' }, 'different'],
    ['none on the record', {}, { dateOfBirth: null }, 'missing'],
  ])

  it('dayMonthSwap gives the other reading only when it is a different valid date', () => {
    assert.equal(dayMonthSwap('1985-06-04'), '1985-04-06')
    assert.equal(dayMonthSwap('1985-06-12'), '1985-12-06')
    assert.equal(dayMonthSwap('1985-06-13'), null)
    assert.equal(dayMonthSwap('1985-06-06'), null)
  })

  it('prefers a day/month swap over a digit transposition', () => {
    assert.equal(compareDatesOfBirth('1985-01-10', '1985-10-01'), 'swapped')
  })
})

describe('national insurance number', () => {
  table('nationalInsuranceNumber', [
    ['same number', { nationalInsuranceNumber: 'AB123456C' }, {}, 'exact'],
    ['same number written differently on the record', {}, { nationalInsuranceNumber: 'ab 12 34 56 c' }, 'exact'],
    ['one digit wrong', { nationalInsuranceNumber: 'AB123457C' }, {}, 'one_digit'],
    ['suffix letter wrong', { nationalInsuranceNumber: 'AB123456D' }, {}, 'one_letter'],
    ['two digits swapped', { nationalInsuranceNumber: 'AB124356C' }, {}, 'transposed'],
    ['another number', { nationalInsuranceNumber: 'JK482615B' }, {}, 'different'],
    ['not stated', { nationalInsuranceNumber: undefined }, {}, 'missing'],
    ['none on the record', {}, { nationalInsuranceNumber: null }, 'missing'],
  ])
})

describe('TRN', () => {
  table('trn', [
    ['same TRN', {}, {}, 'exact'],
    ['one digit wrong', { trn: '1234568' }, {}, 'one_digit'],
    ['two digits swapped', { trn: '1234576' }, {}, 'transposed'],
    ['another TRN', { trn: '7654321' }, {}, 'different'],
    ['not stated', { trn: undefined }, {}, 'missing'],
  ])
})

describe('email', () => {
  table('email', [
    ['same address', {}, {}, 'exact'],
    ['case and spaces', { email: ' Sarah.Jones@EXAMPLE.com ' }, {}, 'exact'],
    ['another address', { email: 'sj@example.org' }, {}, 'different'],
    ['not stated', { email: undefined }, {}, 'missing'],
    ['none on the record', {}, { email: null }, 'missing'],
  ])
})
