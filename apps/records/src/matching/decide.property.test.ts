import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { blockingKeysForQuery, nameKeysForRecord } from './blocking.ts'
import { dayMonthSwap } from './dates.ts'
import { decideMatch } from './decide.ts'
import { optimalStringAlignmentDistance } from './distance.ts'
import { areNicknames, nicknamesOf } from './nicknames.ts'
import { compactName } from './normalise.ts'
import type { CandidateRecord, MatchQuery } from './types.ts'

// First names far apart (no nicknames of each other, at least 5 edits apart), so that a typo or a nickname of
// one person's name never becomes another person's name: people who share a birthday stay distinguishable.
const FIRST_NAMES = [
  'Robert', 'Margaret', 'Elizabeth', 'Catherine', 'Alexander', 'Thomas', 'Victoria', 'Gregory', 'Penelope',
  'Zebedee', 'Ignatius', 'Hermione', 'Wilfred', 'Ursula', 'Bartholomew', 'Oluwaseun', 'Siobhan', 'Priyanka',
]
const MIDDLE_NAMES = ['Anne', 'James', 'Louise', 'Edward', 'Rose', 'Mohammed']
const SURNAMES = [
  'Smith', 'Jones', 'Quillfeather', "O'Brien", 'Smith-Jones', 'Müller', 'Ødegaard', 'Featherstonehaugh', 'Nkemelu',
  'van der Berg', 'McDonald', 'Patel',
]

type Person = CandidateRecord & { family: number }

const personSeed = fc.record({
  first: fc.nat(FIRST_NAMES.length - 1),
  middle: fc.option(fc.constantFrom(...MIDDLE_NAMES), { nil: null }),
  last: fc.nat(SURNAMES.length - 1),
  previous: fc.option(fc.nat(SURNAMES.length - 1), { nil: null }),
  dateOfBirth: fc.record({ year: fc.integer({ min: 1950, max: 2000 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
  hasDateOfBirth: fc.integer({ min: 0, max: 19 }).map((n) => n !== 0),
  hasNino: fc.boolean(),
  hasEmail: fc.boolean(),
  twin: fc.option(fc.record({ first: fc.nat(FIRST_NAMES.length - 1), sharesEmail: fc.boolean(), hasNino: fc.boolean() }), { nil: null }),
  nearDuplicate: fc.boolean(),
})

const twoDigits = (n: number) => String(n).padStart(2, '0')
// Identifiers built from an index so that any two differ in at least two places and no swap of neighbours turns
// one into another: a single typo never lands exactly on someone else's number.
const trnOf = (index: number) => `1${String(index).padStart(3, '0').repeat(2)}`
const ninoOf = (index: number) => `AB${String(index).padStart(3, '0').repeat(2)}C`

function buildPopulation(seeds: readonly Seed[], everyoneHasNino = false): Person[] {
  const people: Person[] = []
  const taken = new Set<string>()
  const add = (person: Omit<Person, 'trn' | 'nationalInsuranceNumber'> & { hasNino: boolean }) => {
    // Two people with one first name born the same day (or on its day/month swap) cannot be told apart by name.
    const first = compactName(person.firstName)
    const dates = person.dateOfBirth === null ? [] : [person.dateOfBirth, dayMonthSwap(person.dateOfBirth)].filter((d) => d !== null)
    if (dates.some((date) => taken.has(`${first}|${date}`))) return
    for (const date of dates) taken.add(`${first}|${date}`)
    const index = people.length
    const { hasNino, ...rest } = person
    people.push({ ...rest, trn: trnOf(index), nationalInsuranceNumber: hasNino || everyoneHasNino ? ninoOf(index) : null })
  }
  seeds.forEach((seed, family) => {
    const dateOfBirth = `${seed.dateOfBirth.year}-${twoDigits(seed.dateOfBirth.month)}-${twoDigits(seed.dateOfBirth.day)}`
    const base = {
      firstName: FIRST_NAMES[seed.first]!,
      middleName: seed.middle,
      lastName: SURNAMES[seed.last]!,
      previousNames: seed.previous === null || seed.previous === seed.last ? [] : [{ firstName: null, middleName: null, lastName: SURNAMES[seed.previous]! }],
      dateOfBirth: seed.hasDateOfBirth ? dateOfBirth : null,
      email: seed.hasEmail ? `family${family}@example.com` : null,
      family,
    }
    add({ ...base, hasNino: seed.hasNino })
    if (seed.twin && seed.twin.first !== seed.first && seed.hasDateOfBirth) {
      add({
        ...base,
        firstName: FIRST_NAMES[seed.twin.first]!,
        middleName: null,
        previousNames: [],
        email: seed.twin.sharesEmail ? base.email : `twin${family}@example.com`,
        hasNino: seed.twin.hasNino,
      })
    }
    if (seed.nearDuplicate && seed.hasDateOfBirth) {
      // Another person: first name one letter different, born one year later (one digit of the date).
      const year = seed.dateOfBirth.year % 10 === 9 ? seed.dateOfBirth.year - 1 : seed.dateOfBirth.year + 1
      add({
        ...base,
        firstName: `${base.firstName.slice(0, -1)}${base.firstName.endsWith('x') ? 'q' : 'x'}`,
        middleName: null,
        dateOfBirth: `${year}-${twoDigits(seed.dateOfBirth.month)}-${twoDigits(seed.dateOfBirth.day)}`,
        email: null,
        hasNino: seed.hasNino,
        family: family + 10_000,
      })
    }
  })
  return people
}

type Seed = {
  first: number
  middle: string | null
  last: number
  previous: number | null
  dateOfBirth: { year: number; month: number; day: number }
  hasDateOfBirth: boolean
  hasNino: boolean
  hasEmail: boolean
  twin: { first: number; sharesEmail: boolean; hasNino: boolean } | null
  nearDuplicate: boolean
}

const population = (everyoneHasNino = false) =>
  fc.array(personSeed, { minLength: 1, maxLength: 25 }).map((seeds) => buildPopulation(seeds, everyoneHasNino))

function exactQuery(person: Person, fallbackDateOfBirth = '1980-01-15'): MatchQuery {
  return {
    firstName: person.firstName,
    ...(person.middleName ? { middleName: person.middleName } : {}),
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth ?? fallbackDateOfBirth,
    ...(person.nationalInsuranceNumber ? { nationalInsuranceNumber: person.nationalInsuranceNumber } : {}),
    trn: person.trn,
    ...(person.email ? { email: person.email } : {}),
  }
}

function oneEdit(name: string, position: number, letter: string): string {
  const at = position % name.length
  const replacement = name[at]!.toLowerCase() === letter ? 'z' : letter
  return name.slice(0, at) + replacement + name.slice(at + 1)
}

function changeOneDigit(value: string, position: number): string {
  const digits = [...value].map((c, i) => (c >= '0' && c <= '9' ? i : -1)).filter((i) => i >= 0)
  const at = digits[position % digits.length]!
  const digit = Number(value[at])
  return value.slice(0, at) + String((digit + 1) % 10) + value.slice(at + 1)
}

function validDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)
}

const FUZZ = [
  'none', 'first_nickname', 'first_typo', 'first_initial', 'last_typo', 'last_previous', 'last_part', 'dob_swap',
  'dob_digit', 'middle_dropped', 'wrong_trn', 'initial_and_wrong_trn',
] as const

const noise = fc.record({
  fuzz: fc.constantFrom(...FUZZ),
  dropNino: fc.boolean(),
  dropTrn: fc.boolean(),
  dropEmail: fc.boolean(),
  ninoTypo: fc.boolean(),
  trnTypo: fc.boolean(),
  wrongTrnOf: fc.nat(),
  position: fc.nat(20),
  /** The person has no record of their own (a teacher's twin who never taught): any match is someone else. */
  absent: fc.boolean(),
  letter: fc.constantFrom('a', 'e', 'k', 'r', 'y'),
})

type Noise = typeof noise extends fc.Arbitrary<infer T> ? T : never

function noisyQuery(person: Person, people: readonly Person[], n: Noise): MatchQuery {
  const query: MatchQuery = { ...exactQuery(person) }
  if (n.dropNino || n.ninoTypo) delete query.nationalInsuranceNumber
  if (n.ninoTypo && person.nationalInsuranceNumber) query.nationalInsuranceNumber = changeOneDigit(person.nationalInsuranceNumber, n.position)
  if (n.dropTrn) delete query.trn
  else if (n.trnTypo) query.trn = changeOneDigit(person.trn, n.position)
  if (n.dropEmail) delete query.email
  switch (n.fuzz) {
    case 'first_nickname': {
      const nicknames = nicknamesOf(compactName(person.firstName))
      if (nicknames.length > 0) query.firstName = nicknames[n.position % nicknames.length]!
      break
    }
    case 'first_typo':
      query.firstName = oneEdit(person.firstName, n.position, n.letter)
      break
    case 'first_initial':
    case 'initial_and_wrong_trn':
      query.firstName = person.firstName[0]!
      break
    case 'last_typo':
      query.lastName = oneEdit(person.lastName, n.position, n.letter)
      break
    case 'last_previous':
      if (person.previousNames[0]) query.lastName = person.previousNames[0].lastName
      break
    case 'last_part':
      query.lastName = person.lastName.split(/[- ]/).at(-1)!
      break
    case 'dob_swap':
      query.dateOfBirth = dayMonthSwap(query.dateOfBirth) ?? query.dateOfBirth
      break
    case 'dob_digit': {
      const changed = changeOneDigit(query.dateOfBirth, n.position)
      if (validDate(changed)) query.dateOfBirth = changed
      break
    }
    case 'middle_dropped':
      delete query.middleName
      break
  }
  // Someone else's TRN stated by mistake, the rest of the details the person's own: most often a relative's
  // (a twin, a sibling sharing the surname) or someone born the same day, the hardest case.
  if (n.fuzz === 'wrong_trn' || n.fuzz === 'initial_and_wrong_trn') {
    const relatives = people.filter(
      (other) => other !== person && (other.family === person.family || other.dateOfBirth === person.dateOfBirth || other.lastName === person.lastName),
    )
    const others = relatives.length > 0 && n.wrongTrnOf % 4 !== 0 ? relatives : people.filter((other) => other !== person)
    const other = others[n.wrongTrnOf % Math.max(others.length, 1)]
    if (other) query.trn = other.trn
  }
  return query
}

describe('property: the engine never confuses people', () => {
  it('the test names are far enough apart to tell people apart', () => {
    for (const a of FIRST_NAMES) {
      for (const b of FIRST_NAMES) {
        if (a === b) continue
        const [x, y] = [compactName(a), compactName(b)]
        assert.ok(!areNicknames(x, y), `${a}/${b}`)
        assert.ok(optimalStringAlignmentDistance(x, y) >= 5, `${a}/${b}`)
      }
    }
  })

  it('an exact query with NI number and TRN always matches its own record', () => {
    fc.assert(
      fc.property(population(true), fc.nat(), (people, pick) => {
        const person = people[pick % people.length]!
        const result = decideMatch(exactQuery(person), people, { truncated: false })
        assert.equal(result.outcome, 'match', JSON.stringify({ person, result }))
        assert.equal(result.outcome === 'match' && result.trn, person.trn)
      }),
      { numRuns: 200 },
    )
  })

  it('noise never turns into a match with someone else (twins, families, near-duplicates, wrong TRNs, no own record)', () => {
    fc.assert(
      fc.property(population(), fc.nat(), noise, fc.boolean(), (people, pick, n, truncated) => {
        const person = people[pick % people.length]!
        const query = noisyQuery(person, people, n)
        const records = n.absent ? people.filter((other) => other !== person) : people
        const result = decideMatch(query, records, { truncated })
        if (result.outcome === 'match') assert.equal(result.trn, person.trn, JSON.stringify({ query, person, result }))
      }),
      { numRuns: 200 },
    )
  })

  it('a query that shares an NI number, TRN, email, or date of birth with a similar name is never "none"', () => {
    const share = fc.constantFrom('nino', 'trn', 'email', 'dob_and_first', 'dob_and_last', 'swapped_dob_and_nickname')
    fc.assert(
      fc.property(population(true), fc.nat(), share, (people, pick, what) => {
        const record = people[pick % people.length]!
        const stranger: MatchQuery = { firstName: 'Zachariah', lastName: 'Threlkeld', dateOfBirth: '1901-01-01' }
        const query: MatchQuery = { ...stranger }
        if (what === 'nino') query.nationalInsuranceNumber = record.nationalInsuranceNumber!
        if (what === 'trn') query.trn = record.trn
        if (what === 'email') query.email = record.email ?? 'nobody@example.com'
        if (what === 'dob_and_first' || what === 'dob_and_last' || what === 'swapped_dob_and_nickname') {
          if (record.dateOfBirth === null) return
          query.dateOfBirth = record.dateOfBirth
          if (what === 'dob_and_first') query.firstName = record.firstName
          if (what === 'dob_and_last') query.lastName = record.lastName
          if (what === 'swapped_dob_and_nickname') {
            query.dateOfBirth = dayMonthSwap(record.dateOfBirth) ?? record.dateOfBirth
            query.firstName = nicknamesOf(compactName(record.firstName))[0] ?? record.firstName
          }
        }
        if (what === 'email' && record.email === null) return
        const result = decideMatch(query, people, { truncated: false })
        assert.notEqual(result.outcome, 'none', JSON.stringify({ what, record, query }))
      }),
      { numRuns: 200 },
    )
  })

  it('the blocking keys of an exact, nickname or previous-surname query meet the record', () => {
    const variant = fc.constantFrom('exact', 'nickname', 'record_previous_surname', 'query_previous_surname', 'surname_part')
    fc.assert(
      fc.property(population(), fc.nat(), variant, fc.nat(), (people, pick, how, which) => {
        const record = people[pick % people.length]!
        const query: MatchQuery = { ...exactQuery(record) }
        if (how === 'nickname') {
          const nicknames = nicknamesOf(compactName(record.firstName))
          if (nicknames.length > 0) query.firstName = nicknames[which % nicknames.length]!
        }
        if (how === 'record_previous_surname' && record.previousNames[0]) query.lastName = record.previousNames[0].lastName
        if (how === 'query_previous_surname') {
          query.previousLastNames = [record.lastName]
          query.lastName = 'Threlkeld'
        }
        if (how === 'surname_part') query.lastName = record.lastName.split(/[- ]/).at(-1)!
        const keys = blockingKeysForQuery(query)
        const recordKeys = new Set(nameKeysForRecord(record))
        const meets = keys.nameKeys.some((key) => recordKeys.has(key)) || (record.dateOfBirth !== null && keys.datesOfBirth.includes(record.dateOfBirth))
        assert.ok(meets, JSON.stringify({ how, record, keys }))
        // The name keys alone must meet too: the date of birth may be the very thing that was mistyped.
        assert.ok(keys.nameKeys.some((key) => recordKeys.has(key)), JSON.stringify({ how, record, keys }))
      }),
      { numRuns: 200 },
    )
  })
})
