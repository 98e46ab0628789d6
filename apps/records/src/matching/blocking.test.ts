import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blockingKeysForQuery, emailKey, nameKeysForRecord, surnameKeys } from './blocking.ts'
import { aBareQuery, aRecord } from './test-helpers.ts'
import type { CandidateRecord, MatchQuery } from './types.ts'

function keysMeet(query: Partial<MatchQuery>, record: Partial<CandidateRecord>): boolean {
  const queryKeys = new Set(blockingKeysForQuery(aBareQuery(query)).nameKeys)
  return nameKeysForRecord(aRecord(record)).some((key) => queryKeys.has(key))
}

describe('nameKeysForRecord', () => {
  it('pairs every surname token with every given-name token', () => {
    assert.deepEqual(nameKeysForRecord(aRecord({ firstName: 'Sarah', middleName: 'Louise', lastName: 'Jones' })), [
      'jones|louise',
      'jones|sarah',
      'jones|sarahlouise',
    ])
  })

  it('includes previous names and double-barrelled parts, normalised', () => {
    const keys = nameKeysForRecord(
      aRecord({
        firstName: 'Zoë',
        lastName: 'Smith-Jones',
        previousNames: [{ firstName: 'Chloé', middleName: null, lastName: "O'Brien" }],
      }),
    )
    assert.deepEqual(new Set(keys), new Set([
      'jones|chloe', 'jones|zoe', 'obrien|chloe', 'obrien|zoe', 'smith|chloe', 'smith|zoe', 'smithjones|chloe', 'smithjones|zoe',
    ]))
    assert.equal(keys.length, 8)
  })

  it('leaves particles out of the parts but keeps the whole surname', () => {
    assert.deepEqual(nameKeysForRecord(aRecord({ firstName: 'Ana', lastName: 'de Souza' })), ['desouza|ana', 'souza|ana'])
  })

  it('accepts names alone', () => {
    assert.deepEqual(nameKeysForRecord({ firstName: 'Sarah', middleName: null, lastName: 'Jones', previousNames: [] }), ['jones|sarah'])
  })
})

describe('blockingKeysForQuery', () => {
  it('carries the identifiers, normalised, and the email key', () => {
    const keys = blockingKeysForQuery(
      aBareQuery({ nationalInsuranceNumber: 'ab123456c', trn: '123 4567', email: ' Sarah.Jones@Example.com' }),
    )
    assert.equal(keys.nationalInsuranceNumber, 'AB123456C')
    assert.equal(keys.trn, '1234567')
    assert.equal(keys.email, 'sarah.jones@example.com')
  })

  it('leaves out identifiers that were not stated', () => {
    const keys = blockingKeysForQuery(aBareQuery())
    assert.equal(keys.nationalInsuranceNumber, null)
    assert.equal(keys.trn, null)
    assert.equal(keys.email, null)
  })

  it('searches the stated date of birth and its day/month swap', () => {
    assert.deepEqual(blockingKeysForQuery(aBareQuery({ dateOfBirth: '1985-06-04' })).datesOfBirth, ['1985-06-04', '1985-04-06'])
    assert.deepEqual(blockingKeysForQuery(aBareQuery({ dateOfBirth: '1985-06-21' })).datesOfBirth, ['1985-06-21'])
    assert.deepEqual(blockingKeysForQuery(aBareQuery({ dateOfBirth: '1985-06-06' })).datesOfBirth, ['1985-06-06'])
  })

  it('widens given names with nicknames both ways', () => {
    const keys = blockingKeysForQuery(aBareQuery({ firstName: 'Bob', lastName: 'Smith' })).nameKeys
    assert.ok(keys.includes('smith|bob'))
    assert.ok(keys.includes('smith|robert'))
    assert.ok(keys.includes('smith|robbie'))
    const formal = blockingKeysForQuery(aBareQuery({ firstName: 'Robert', lastName: 'Smith' })).nameKeys
    assert.ok(formal.includes('smith|bob'))
  })

  it('pairs stated previous surnames too', () => {
    const keys = blockingKeysForQuery(aBareQuery({ firstName: 'Sarah', lastName: 'Brown', previousLastNames: ['Jones'] })).nameKeys
    assert.deepEqual(keys, ['brown|sal', 'brown|sally', 'brown|sadie', 'brown|sara', 'brown|sarah', 'jones|sal', 'jones|sally', 'jones|sadie', 'jones|sara', 'jones|sarah'].sort())
  })
})

describe('name keys meet between a query and its record', () => {
  const meeting: [string, Partial<MatchQuery>, Partial<CandidateRecord>][] = [
    ['same name', {}, {}],
    ['nickname stated', { firstName: 'Bob', lastName: 'Smith' }, { firstName: 'Robert', lastName: 'Smith' }],
    ['full name stated, nickname held', { firstName: 'Robert', lastName: 'Smith' }, { firstName: 'Bob', lastName: 'Smith' }],
    ['two nicknames of one name', { firstName: 'Rob', lastName: 'Smith' }, { firstName: 'Bobby', lastName: 'Smith' }],
    ['married name on the record, previous name stated', { lastName: 'Jones' }, {
      lastName: 'Brown', previousNames: [{ firstName: null, middleName: null, lastName: 'Jones' }],
    }],
    ['record holds the name the person used before', { lastName: 'Brown', previousLastNames: ['Jones'] }, { lastName: 'Jones' }],
    ['one part of a double-barrelled surname', { lastName: 'Jones' }, { lastName: 'Smith-Jones' }],
    ['double-barrelled run together', { lastName: 'Smithjones' }, { lastName: 'Smith Jones' }],
    ['two first names run together', { firstName: 'Maryanne' }, { firstName: 'Mary-Anne' }],
    ['first and middle against a run-together first name', { firstName: 'Mary', middleName: 'Anne' }, { firstName: 'Maryanne' }],
    ['known by the middle name', { firstName: 'James', lastName: 'Smith' }, { firstName: 'William', middleName: 'James', lastName: 'Smith' }],
    ['accents and apostrophes', { firstName: 'Zoe', lastName: 'OBrien' }, { firstName: 'Zoë', lastName: 'O’Brien' }],
    ['previous first name', { firstName: 'Sally' }, { firstName: 'Alex', previousNames: [{ firstName: 'Sally', middleName: null, lastName: 'Jones' }] }],
  ]
  for (const [title, query, record] of meeting) it(title, () => assert.equal(keysMeet(query, record), true))

  it('do not meet for another surname (typos are found through the date of birth and identifiers)', () => {
    assert.equal(keysMeet({ lastName: 'Jnoes' }, {}), false)
  })
})

describe('emailKey', () => {
  const cases: [string | null | undefined, string | null][] = [
    ['sarah.jones@example.com', 'sarah.jones@example.com'],
    ['  Sarah.Jones@Example.COM ', 'sarah.jones@example.com'],
    ['sarah+teaching@example.com', 'sarah@example.com'],
    ['sarah.jones@gmail.com', 'sarahjones@gmail.com'],
    ['Sarah.Jones+school@googlemail.com', 'sarahjones@gmail.com'],
    ['not-an-address', 'not-an-address'],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ]
  for (const [email, key] of cases) it(`${JSON.stringify(email)} → ${JSON.stringify(key)}`, () => assert.equal(emailKey(email), key))
})

describe('surnameKeys', () => {
  it('gives each surname run together and its parts', () => {
    assert.deepEqual(surnameKeys(['Smith-Jones', "O'Brien"]), ['jones', 'obrien', 'smith', 'smithjones'])
  })
  it('is empty when no surname has letters', () => assert.deepEqual(surnameKeys(['—', null, undefined]), []))
})
