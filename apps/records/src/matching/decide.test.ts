import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_POSSIBLE_CANDIDATES, NAME_TOO_COMMON_TO_MATCH, OTHER_PLAUSIBLE_RECORD, decideMatch } from './decide.ts'
import { aBareQuery, aQuery, aRecord } from './test-helpers.ts'
import type { CandidateRecord, MatchQuery, MatchResult } from './types.ts'

// Sarah Jones (the builders' default) is a common name: name and date of birth alone never match her.
// Zebedee Quillfeather is rare: name and date of birth alone are enough.
const rare = { firstName: 'Zebedee', lastName: 'Quillfeather' }
const previously = (lastName: string) => ({ firstName: null, middleName: null, lastName })

type Scenario = {
  title: string
  query: MatchQuery
  records: CandidateRecord[]
  truncated?: boolean
  /** 'match:TRN', 'possible' or 'none' */
  expect: string
  /** Reasons the match (or the first candidate) must carry. */
  reasons?: string[]
  /** For possible: the candidates' TRNs in order. */
  candidates?: string[]
}

function check(scenario: Scenario): void {
  const result = decideMatch(scenario.query, scenario.records, { truncated: scenario.truncated ?? false })
  const [outcome, trn] = scenario.expect.split(':')
  assert.equal(result.outcome, outcome, `got ${JSON.stringify(result)}`)
  if (result.outcome === 'match') assert.equal(result.trn, trn)
  const reasons = result.outcome === 'match' ? result.reasons : result.outcome === 'possible' ? result.candidates[0]!.reasons : []
  for (const reason of scenario.reasons ?? []) assert.ok(reasons.includes(reason), `${reason} missing from ${JSON.stringify(reasons)}`)
  if (scenario.candidates) {
    assert.equal(result.outcome, 'possible')
    if (result.outcome === 'possible') assert.deepEqual(result.candidates.map((c) => c.trn), scenario.candidates)
  }
}

function scenarios(list: Scenario[]) {
  for (const scenario of list) it(`${scenario.title} → ${scenario.expect}`, () => check(scenario))
}

describe('match with strong identifiers', () => {
  scenarios([
    {
      title: 'everything agrees',
      query: aQuery(),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['first_name_exact', 'last_name_exact', 'date_of_birth_exact', 'national_insurance_number_matches', 'trn_stated_matches', 'email_matches', 'rule_two_identifiers'],
    },
    {
      title: 'date of birth, NI number and name',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['rule_date_of_birth_and_identifier'],
    },
    {
      title: 'date of birth, TRN and name',
      query: aBareQuery({ trn: '1234567' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['trn_stated_matches', 'rule_date_of_birth_and_identifier'],
    },
    {
      title: 'date of birth, NI number and TRN after a change of whole name',
      query: aBareQuery({ firstName: 'Alex', lastName: 'Brown', nationalInsuranceNumber: 'AB123456C', trn: '1234567' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['first_name_different', 'last_name_different', 'rule_two_identifiers'],
    },
    {
      title: 'NI number, TRN and full name with a wrong date of birth on the record',
      query: aQuery(),
      records: [aRecord({ dateOfBirth: '1979-02-03' })],
      expect: 'match:1234567',
      reasons: ['date_of_birth_different', 'rule_two_identifiers'],
    },
    {
      title: 'NI number, TRN and a date of birth one digit out, name changed',
      query: aQuery({ firstName: 'Alex', lastName: 'Brown', dateOfBirth: '1985-06-22' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['rule_two_identifiers'],
    },
    {
      title: 'NI number, TRN and full name on a record without a date of birth',
      query: aQuery(),
      records: [aRecord({ dateOfBirth: null })],
      expect: 'match:1234567',
      reasons: ['date_of_birth_not_on_record', 'rule_two_identifiers'],
    },
    {
      title: 'married surname not stated: date of birth, NI number and first name',
      query: aBareQuery({ lastName: 'Brown', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['last_name_different', 'rule_date_of_birth_and_identifier'],
    },
    {
      title: 'first name mistyped, surname, date of birth and TRN',
      query: aBareQuery({ firstName: 'Sarha', trn: '1234567' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['first_name_typo', 'rule_date_of_birth_and_identifier'],
    },
    {
      title: 'known by the middle name, with NI number',
      query: aBareQuery({ firstName: 'Louise', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord({ middleName: 'Louise' })],
      expect: 'match:1234567',
      reasons: ['first_name_matches_middle_name', 'rule_date_of_birth_and_identifier'],
    },
    {
      title: 'day and month swapped, NI number and name',
      query: aBareQuery({ dateOfBirth: '1985-04-06', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord({ dateOfBirth: '1985-06-04' })],
      expect: 'match:1234567',
      reasons: ['date_of_birth_day_month_swapped', 'rule_close_date_of_birth_name_and_identifier'],
    },
    {
      title: 'one digit of the date of birth wrong, TRN and name',
      query: aBareQuery({ dateOfBirth: '1986-06-21', trn: '1234567' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['date_of_birth_one_digit_different', 'rule_close_date_of_birth_name_and_identifier'],
    },
    {
      title: 'two digits of the year swapped, NI number and name',
      query: aBareQuery({ dateOfBirth: '1958-06-21', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['date_of_birth_digits_transposed', 'rule_close_date_of_birth_name_and_identifier'],
    },
    {
      title: 'NI number one digit out, date of birth and name, nothing else near',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123457C' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['national_insurance_number_one_digit_different', 'rule_name_date_of_birth_and_identifier_typo'],
    },
    {
      title: 'NI number with the suffix letter wrong, date of birth and name',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456D' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['national_insurance_number_one_letter_different'],
    },
    {
      title: 'TRN with two digits swapped, date of birth and name',
      query: aBareQuery({ trn: '1234576' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['trn_stated_digits_transposed', 'rule_name_date_of_birth_and_identifier_typo'],
    },
    {
      title: 'date of birth, name and email',
      query: aBareQuery({ email: 'Sarah.Jones@example.com' }),
      records: [aRecord()],
      expect: 'match:1234567',
      reasons: ['email_matches', 'rule_name_date_of_birth_and_email'],
    },
    {
      title: 'the same TRN twice in the rows is one record',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord()],
      expect: 'match:1234567',
    },
  ])

  it('reports the score and the fields that agreed', () => {
    const result = decideMatch(aBareQuery({ firstName: 'Sally', nationalInsuranceNumber: 'AB123456C' }), [aRecord()], { truncated: false })
    assert.equal(result.outcome, 'match')
    if (result.outcome !== 'match') return
    assert.deepEqual(result.agreedFields, ['firstName', 'lastName', 'dateOfBirth', 'nationalInsuranceNumber'])
    assert.ok(result.score >= 90 && result.score < 100, `score ${result.score}`)
  })

  it('scores 100 when everything stated agrees', () => {
    const result = decideMatch(aQuery(), [aRecord()], { truncated: false })
    assert.equal(result.outcome === 'match' && result.score, 100)
  })
})

describe('names: nicknames, previous names, double-barrels, accents, apostrophes', () => {
  const withNino = (query: Partial<MatchQuery>) => aBareQuery({ nationalInsuranceNumber: 'AB123456C', ...query })
  scenarios([
    { title: 'nickname stated (Bob → Robert)', query: withNino({ firstName: 'Bob' }), records: [aRecord({ firstName: 'Robert' })], expect: 'match:1234567', reasons: ['first_name_nickname'] },
    { title: 'full name stated, nickname held (Robert → Bob)', query: withNino({ firstName: 'Robert' }), records: [aRecord({ firstName: 'Bob' })], expect: 'match:1234567', reasons: ['first_name_nickname'] },
    { title: 'married name on the record, previous name stated', query: withNino({}), records: [aRecord({ lastName: 'Brown', previousNames: [previously('Jones')] })], expect: 'match:1234567', reasons: ['last_name_previous'] },
    { title: 'record holds the name before marriage', query: withNino({ lastName: 'Brown', previousLastNames: ['Jones'] }), records: [aRecord()], expect: 'match:1234567', reasons: ['last_name_stated_previous'] },
    { title: 'double-barrelled with a space', query: withNino({ lastName: 'Smith Jones' }), records: [aRecord({ lastName: 'Smith-Jones' })], expect: 'match:1234567', reasons: ['last_name_exact'] },
    { title: 'double-barrelled run together', query: withNino({ lastName: 'Smithjones' }), records: [aRecord({ lastName: 'Smith-Jones' })], expect: 'match:1234567', reasons: ['last_name_exact'] },
    { title: 'one part of a double-barrelled surname', query: withNino({}), records: [aRecord({ lastName: 'Smith-Jones' })], expect: 'match:1234567', reasons: ['last_name_part'] },
    { title: 'accents and apostrophes', query: withNino({ firstName: 'Zoe', lastName: 'OBrien' }), records: [aRecord({ firstName: 'Zoë', lastName: 'O’Brien' })], expect: 'match:1234567', reasons: ['first_name_exact', 'last_name_exact'] },
    { title: 'Mc and Mac are only a typo', query: withNino({ lastName: 'McDonald' }), records: [aRecord({ lastName: 'MacDonald' })], expect: 'match:1234567', reasons: ['last_name_typo'] },
    { title: 'two first names against first and middle', query: withNino({ firstName: 'Mary Anne' }), records: [aRecord({ firstName: 'Mary', middleName: 'Anne' })], expect: 'match:1234567', reasons: ['first_name_exact', 'middle_name_matches'] },
  ])
})

describe('name and date of birth alone: only for a rare name', () => {
  scenarios([
    {
      title: 'rare name',
      query: aBareQuery(rare),
      records: [aRecord(rare)],
      expect: 'match:1234567',
      reasons: ['rule_rare_name_and_date_of_birth'],
    },
    {
      title: 'rare surname with a nickname',
      query: aBareQuery({ ...rare, firstName: 'Bob' }),
      records: [aRecord({ ...rare, firstName: 'Robert' })],
      expect: 'match:1234567',
      reasons: ['first_name_nickname', 'rule_rare_name_and_date_of_birth'],
    },
    {
      title: 'rare previous surname',
      query: aBareQuery(rare),
      records: [aRecord({ ...rare, lastName: 'Brown', previousNames: [previously('Quillfeather')] })],
      expect: 'match:1234567',
      reasons: ['last_name_previous'],
    },
    {
      title: 'rare name with a middle name that agrees',
      query: aBareQuery({ ...rare, middleName: 'Amos' }),
      records: [aRecord({ ...rare, middleName: 'Amos' })],
      expect: 'match:1234567',
    },
    {
      title: 'common name',
      query: aBareQuery(),
      records: [aRecord()],
      expect: 'possible',
      reasons: [NAME_TOO_COMMON_TO_MATCH],
    },
    {
      title: 'common name with a middle name that agrees',
      query: aBareQuery({ firstName: 'David', lastName: 'Smith', middleName: 'John' }),
      records: [aRecord({ firstName: 'David', lastName: 'Smith', middleName: 'John' })],
      expect: 'possible',
    },
    {
      title: 'rare name, but a namesake born another day is on the record',
      query: aBareQuery(rare),
      records: [aRecord(rare), aRecord({ ...rare, trn: '7654321', dateOfBirth: '1990-01-30' })],
      expect: 'possible',
      reasons: [NAME_TOO_COMMON_TO_MATCH],
      candidates: ['1234567', '7654321'],
    },
    {
      title: 'rare name, candidate list truncated (namesakes unknown)',
      query: aBareQuery(rare),
      records: [aRecord(rare)],
      truncated: true,
      expect: 'possible',
      reasons: [NAME_TOO_COMMON_TO_MATCH],
    },
    {
      title: 'rare name, middle name contradicts',
      query: aBareQuery({ ...rare, middleName: 'Amos' }),
      records: [aRecord({ ...rare, middleName: 'Ezekiel' })],
      expect: 'possible',
      reasons: ['middle_name_different'],
    },
    {
      title: 'rare name, NI number contradicts',
      query: aBareQuery({ ...rare, nationalInsuranceNumber: 'JK482615B' }),
      records: [aRecord(rare)],
      expect: 'possible',
      reasons: ['national_insurance_number_different'],
    },
    {
      title: 'rare first name, only part of a double-barrelled surname',
      query: aBareQuery({ ...rare, lastName: 'Quillfeather' }),
      records: [aRecord({ ...rare, lastName: 'Quillfeather-Ashby' })],
      expect: 'possible',
      reasons: ['last_name_part'],
    },
    {
      title: 'rare name with Mac for Mc (a typo)',
      query: aBareQuery({ firstName: 'Zebedee', lastName: 'MacAskillfeather' }),
      records: [aRecord({ firstName: 'Zebedee', lastName: 'McAskillfeather' })],
      expect: 'possible',
      reasons: ['last_name_typo'],
    },
    {
      title: 'rare name with a day/month swap',
      query: aBareQuery({ ...rare, dateOfBirth: '1985-04-06' }),
      records: [aRecord({ ...rare, dateOfBirth: '1985-06-04' })],
      expect: 'possible',
    },
  ])
})

describe('absolute rule 1: never match when two records are plausible', () => {
  const twinOfSarah = { trn: '2222222', firstName: 'Harriet', nationalInsuranceNumber: 'JK482615B', email: 'harriet@example.com' }
  scenarios([
    {
      title: 'two records share the NI number',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord({ trn: '7654321', firstName: 'Harriet', lastName: 'Clark', dateOfBirth: '1970-01-01' })],
      expect: 'possible',
      reasons: [OTHER_PLAUSIBLE_RECORD],
      candidates: ['1234567', '7654321'],
    },
    {
      title: 'a duplicate record without an NI number, same name and date of birth',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord({ trn: '7654321', nationalInsuranceNumber: null, email: null })],
      expect: 'possible',
      reasons: [OTHER_PLAUSIBLE_RECORD],
    },
    {
      title: 'a near-duplicate with a typo in the name and the date of birth swapped',
      query: aBareQuery({ dateOfBirth: '1985-06-04', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord({ dateOfBirth: '1985-06-04' }), aRecord({ trn: '7654321', firstName: 'Sarha', dateOfBirth: '1985-04-06', nationalInsuranceNumber: null })],
      expect: 'possible',
    },
    {
      title: 'the stated TRN is on another record close in date of birth',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C', trn: '1234568' }),
      records: [aRecord(), aRecord({ trn: '1234568', firstName: 'Harriet', lastName: 'Clark', dateOfBirth: '1985-06-22', nationalInsuranceNumber: null })],
      expect: 'possible',
    },
    {
      title: 'a namesake born the same day with another NI number does not block',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord({ trn: '7654321', nationalInsuranceNumber: 'JK482615B', email: null })],
      expect: 'match:1234567',
    },
    {
      title: 'a namesake born one digit away does not block',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord({ trn: '7654321', dateOfBirth: '1985-06-22', nationalInsuranceNumber: null, email: null })],
      expect: 'match:1234567',
    },
    {
      title: 'twins: the NI number tells them apart',
      query: aBareQuery({ nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord(twinOfSarah)],
      expect: 'match:1234567',
    },
    {
      title: 'twins sharing the family email: email, name and date of birth',
      query: aBareQuery({ email: 'family@example.com' }),
      records: [aRecord({ email: 'family@example.com' }), aRecord({ ...twinOfSarah, email: 'family@example.com' })],
      expect: 'match:1234567',
    },
    {
      title: 'twins with a rare surname: name and date of birth',
      query: aBareQuery(rare),
      records: [aRecord(rare), aRecord({ ...twinOfSarah, lastName: rare.lastName })],
      expect: 'match:1234567',
    },
    {
      title: 'twins with a common surname: name and date of birth',
      query: aBareQuery(),
      records: [aRecord(), aRecord(twinOfSarah)],
      expect: 'possible',
      candidates: ['1234567', '2222222'],
    },
  ])
})

describe('absolute rule 2: a stated TRN whose record disagrees on date of birth and name', () => {
  const stranger = { trn: '7654321', firstName: 'Harriet', lastName: 'Clark', dateOfBirth: '1970-01-01', nationalInsuranceNumber: 'JK482615B', email: 'h.clark@example.com' }
  scenarios([
    {
      title: 'only that record',
      query: aBareQuery({ trn: '7654321' }),
      records: [aRecord(stranger)],
      expect: 'possible',
      reasons: ['trn_stated_matches', 'first_name_different', 'last_name_different', 'date_of_birth_different'],
    },
    {
      title: 'even with its NI number and email too',
      query: aBareQuery({ trn: '7654321', nationalInsuranceNumber: 'JK482615B', email: 'h.clark@example.com' }),
      records: [aRecord(stranger)],
      expect: 'possible',
    },
    {
      title: 'and the person’s own record, which the stated TRN contradicts',
      query: aBareQuery({ trn: '7654321', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord(stranger)],
      expect: 'possible',
      candidates: ['1234567', '7654321'],
    },
    {
      title: 'a TRN one digit out that lands on a stranger does not block the person’s own record',
      query: aBareQuery({ trn: '1234568', nationalInsuranceNumber: 'AB123456C' }),
      records: [aRecord(), aRecord({ ...stranger, trn: '1234568' })],
      expect: 'match:1234567',
      reasons: ['trn_stated_one_digit_different'],
    },
    {
      title: 'a twin’s TRN stated by mistake',
      query: aBareQuery({ trn: '2222222' }),
      records: [aRecord(), aRecord({ trn: '2222222', firstName: 'Harriet', nationalInsuranceNumber: 'JK482615B' })],
      expect: 'possible',
    },
    {
      title: 'a twin’s TRN stated with only an initial, by someone whose own record is missing',
      query: aBareQuery({ firstName: 'S', trn: '2222222' }),
      records: [aRecord({ trn: '2222222', firstName: 'Susan', nationalInsuranceNumber: 'JK482615B' })],
      expect: 'possible',
      reasons: ['first_name_initial'],
    },
    {
      title: 'a twin’s TRN stated by someone whose own record is missing',
      query: aBareQuery({ trn: '2222222' }),
      records: [aRecord({ trn: '2222222', firstName: 'Harriet', nationalInsuranceNumber: 'JK482615B' })],
      expect: 'possible',
    },
  ])
})

describe('families share mailboxes: email never overcomes a disagreement', () => {
  const father = { trn: '3333333', firstName: 'John', lastName: 'Smith', dateOfBirth: '1955-02-14', nationalInsuranceNumber: 'JK482615B', email: 'smiths@example.com' }
  const son = { trn: '4444444', firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-03-30', nationalInsuranceNumber: 'CE654321A', email: 'smiths@example.com' }
  const sonAsks = aBareQuery({ firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-03-30', email: 'smiths@example.com' })
  scenarios([
    { title: 'son with the family email, both on the record', query: sonAsks, records: [aRecord(father), aRecord(son)], expect: 'match:4444444' },
    { title: 'son with the family email, only the father on the record', query: sonAsks, records: [aRecord(father)], expect: 'possible', reasons: ['email_matches', 'date_of_birth_different'] },
    {
      title: 'wife with the family email and her own date of birth',
      query: aBareQuery({ firstName: 'Mary', lastName: 'Smith', dateOfBirth: '1957-09-30', email: 'smiths@example.com' }),
      records: [aRecord(father)],
      expect: 'possible',
    },
    {
      title: 'email and date of birth, another first name',
      query: aBareQuery({ firstName: 'Harriet', email: 'sarah.jones@example.com' }),
      records: [aRecord()],
      expect: 'possible',
    },
  ])
})

describe('identifiers that contradict the record', () => {
  scenarios([
    { title: 'NI number differs, TRN, date of birth and name agree', query: aQuery({ nationalInsuranceNumber: 'JK482615B' }), records: [aRecord()], expect: 'possible', reasons: ['national_insurance_number_different'] },
    { title: 'TRN differs, NI number, date of birth and name agree', query: aQuery({ trn: '7654321' }), records: [aRecord()], expect: 'possible', reasons: ['trn_stated_different'] },
    { title: 'middle name contradicts, NI number, date of birth and name agree', query: aBareQuery({ middleName: 'Louise', nationalInsuranceNumber: 'AB123456C' }), records: [aRecord({ middleName: 'Harriet' })], expect: 'possible' },
    { title: 'day/month swap and NI number, first name only a typo', query: aBareQuery({ firstName: 'Sarha', dateOfBirth: '1985-04-06', nationalInsuranceNumber: 'AB123456C' }), records: [aRecord({ dateOfBirth: '1985-06-04' })], expect: 'possible' },
    { title: 'day/month swap, name, nothing else', query: aBareQuery({ dateOfBirth: '1985-04-06' }), records: [aRecord({ dateOfBirth: '1985-06-04' })], expect: 'possible' },
  ])
})

describe('possible rather than none for every plausible near miss', () => {
  const stranger = { firstName: 'Harriet', lastName: 'Clark', dateOfBirth: '1970-01-01', nationalInsuranceNumber: 'JK482615B', email: 'h.clark@example.com' }
  scenarios([
    { title: 'same NI number only', query: aBareQuery({ nationalInsuranceNumber: 'JK482615B' }), records: [aRecord(stranger)], expect: 'possible', reasons: ['national_insurance_number_matches'] },
    { title: 'same email only', query: aBareQuery({ email: 'h.clark@example.com' }), records: [aRecord(stranger)], expect: 'possible', reasons: ['email_matches'] },
    { title: 'same date of birth and surname', query: aBareQuery(), records: [aRecord({ firstName: 'Harriet' })], expect: 'possible' },
    { title: 'same date of birth and first name', query: aBareQuery(), records: [aRecord({ lastName: 'Clark' })], expect: 'possible' },
    { title: 'date of birth one digit out and surname mistyped', query: aBareQuery({ lastName: 'Jnoes', dateOfBirth: '1985-06-22' }), records: [aRecord()], expect: 'possible', reasons: ['last_name_typo', 'date_of_birth_one_digit_different'] },
    { title: 'swapped date of birth and first name by nickname', query: aBareQuery({ firstName: 'Sally', lastName: 'Clark', dateOfBirth: '1985-04-06' }), records: [aRecord({ dateOfBirth: '1985-06-04' })], expect: 'possible' },
    { title: 'NI number one digit out and surname', query: aBareQuery({ firstName: 'Harriet', dateOfBirth: '1970-01-01', nationalInsuranceNumber: 'AB123457C' }), records: [aRecord()], expect: 'possible' },
    { title: 'record without a date of birth, similar name', query: aBareQuery(), records: [aRecord({ dateOfBirth: null })], expect: 'possible', reasons: ['date_of_birth_not_on_record'] },
    { title: 'rare full name born another day', query: aBareQuery(rare), records: [aRecord({ ...rare, dateOfBirth: '1990-01-30' })], expect: 'possible' },
  ])

  scenarios([
    { title: 'no records', query: aQuery(), records: [], expect: 'none' },
    { title: 'same date of birth, another name', query: aBareQuery(), records: [aRecord(stranger), aRecord({ ...stranger, trn: '5555555', dateOfBirth: '1985-06-21' })], expect: 'none' },
    { title: 'NI number one digit out, nothing else', query: aBareQuery({ nationalInsuranceNumber: 'JK482616B' }), records: [aRecord(stranger)], expect: 'none' },
    { title: 'common full name born another day', query: aBareQuery({ firstName: 'David', lastName: 'Smith' }), records: [aRecord({ firstName: 'David', lastName: 'Smith', dateOfBirth: '1990-01-30' })], expect: 'none' },
    { title: 'same surname and first name, record without date of birth, other identifiers', query: aBareQuery({ lastName: 'Clark' }), records: [aRecord({ dateOfBirth: null })], expect: 'none' },
  ])
})

describe('the list of possible candidates', () => {
  it(`is sorted by score and capped at ${MAX_POSSIBLE_CANDIDATES}`, () => {
    const records = Array.from({ length: 15 }, (_, i) =>
      aRecord({ trn: String(2000000 + i), firstName: i % 2 === 0 ? 'Sarah' : 'Harriet', nationalInsuranceNumber: null, email: null }),
    )
    const result: MatchResult = decideMatch(aBareQuery(), records, { truncated: false })
    assert.equal(result.outcome, 'possible')
    if (result.outcome !== 'possible') return
    assert.equal(result.candidates.length, MAX_POSSIBLE_CANDIDATES)
    const scores = result.candidates.map((c) => c.score)
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a))
    assert.deepEqual(result.candidates.slice(0, 3).map((c) => c.trn), ['2000000', '2000002', '2000004'])
    for (const candidate of result.candidates) assert.ok(candidate.score >= 0 && candidate.score <= 100)
  })

  it('ranks the closer record first', () => {
    const result = decideMatch(
      aBareQuery({ dateOfBirth: '1985-04-06' }),
      [aRecord({ trn: '1111111', firstName: 'Harriet', dateOfBirth: '1985-04-06' }), aRecord({ trn: '2222222', dateOfBirth: '1985-06-04' })],
      { truncated: false },
    )
    assert.equal(result.outcome, 'possible')
    if (result.outcome === 'possible') assert.deepEqual(result.candidates.map((c) => c.trn), ['2222222', '1111111'])
  })
})

describe('truncated candidate lists', () => {
  scenarios([
    { title: 'identifier rules still match', query: aQuery(), records: [aRecord()], truncated: true, expect: 'match:1234567' },
    { title: 'a rare full name born another day is not shown', query: aBareQuery(rare), records: [aRecord({ ...rare, dateOfBirth: '1990-01-30' })], truncated: true, expect: 'none' },
  ])
})

describe('speed', () => {
  it('decides over 500 candidates in well under a millisecond on average', () => {
    const records = Array.from({ length: 500 }, (_, i) =>
      aRecord({
        trn: String(3000000 + i),
        firstName: ['Sarah', 'Sally', 'Harriet', 'Zoë', 'Mary Anne'][i % 5]!,
        middleName: i % 3 === 0 ? 'Louise' : null,
        lastName: ['Jones', 'Smith-Jones', 'Jnoes', "O'Brien"][i % 4]!,
        previousNames: i % 7 === 0 ? [previously('Brown')] : [],
        dateOfBirth: `19${50 + (i % 40)}-0${1 + (i % 9)}-${10 + (i % 18)}`,
        nationalInsuranceNumber: null,
      }),
    )
    const query = aQuery()
    for (let i = 0; i < 20; i++) decideMatch(query, records, { truncated: false })
    const runs = 100
    const started = performance.now()
    for (let i = 0; i < runs; i++) decideMatch(query, records, { truncated: false })
    const perCall = (performance.now() - started) / runs
    // Generous bound so a loaded CI machine never fails it; typical figures are in docs/matching.md.
    assert.ok(perCall < 5, `${perCall.toFixed(3)} ms per call`)
  })
})
