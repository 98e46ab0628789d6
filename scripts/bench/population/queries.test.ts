import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MatchQuery } from '../../../apps/records/src/matching/types.ts'
import { isIsoDate } from './dates.ts'
import { generatePopulation, type GeneratedPerson } from './generate.ts'
import {
  NOISE_FIELDS,
  NOISE_KINDS,
  QUERY_KIND_MIX,
  QUERY_KINDS,
  defaultNicknamesOf,
  generateQueries,
  normaliseNino,
  normaliseTrn,
  typo,
  type GeneratedQuery,
  type NoiseKind,
} from './queries.ts'
import { createRandom } from './random.ts'
import { foldToAscii, nameKey } from './text.ts'

const people = [...generatePopulation({ size: 30_000, seed: 'queries' })]
const populationTrns = new Set(people.map((person) => person.trn))
const populationNinos = new Set(people.map((person) => person.nationalInsuranceNumber).filter((nino) => nino !== null))
const queries = generateQueries({ population: people, count: 30_000, seed: 11, outsiderShare: 0.2 })

const recordValue = (person: GeneratedPerson, field: keyof MatchQuery): string | undefined => {
  switch (field) {
    case 'firstName':
      return person.firstName
    case 'middleName':
      return person.middleName === '' ? undefined : person.middleName
    case 'lastName':
      return person.lastName
    case 'dateOfBirth':
      return person.dateOfBirth
    case 'nationalInsuranceNumber':
      return person.nationalInsuranceNumber ?? undefined
    case 'trn':
      return person.trn
    case 'email':
      return person.email ?? undefined
    default:
      return undefined
  }
}

const has = (query: GeneratedQuery, ...kinds: NoiseKind[]): boolean => kinds.some((kind) => query.noise.includes(kind))
const differing = (a: string, b: string): number[] => [...a].flatMap((char, index) => (char === b[index] ? [] : [index]))

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_unused, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

describe('generateQueries', () => {
  it('is deterministic for a seed', () => {
    const again = generateQueries({ population: people, count: 500, seed: 11, outsiderShare: 0.2 })
    const once = generateQueries({ population: people, count: 500, seed: 11, outsiderShare: 0.2 })
    const other = generateQueries({ population: people, count: 500, seed: 12, outsiderShare: 0.2 })
    assert.deepEqual(once, again)
    assert.notDeepEqual(other.map((query) => query.typed), once.map((query) => query.typed))
  })

  it('labels who the query is about: population members by TRN, outsiders with null', () => {
    const outsiders = queries.filter((query) => query.expectedTrn === null)
    assert.equal(outsiders.length, 6000)
    for (const query of queries) {
      if (query.expectedTrn === null) {
        assert.equal(query.subject.inRecords, false)
        assert.ok(!populationTrns.has(query.subject.trn))
      } else {
        assert.equal(query.expectedTrn, query.subject.trn)
        assert.ok(populationTrns.has(query.expectedTrn))
      }
    }
    // An outsider's own identifiers, typed correctly, belong to nobody in the records.
    for (const query of outsiders) {
      if (query.query.trn !== undefined && !has(query, 'trn-digit-typo')) assert.ok(!populationTrns.has(query.query.trn))
      const nino = query.query.nationalInsuranceNumber
      if (nino !== undefined && !has(query, 'nino-digit-typo', 'nino-digits-swapped')) assert.ok(!populationNinos.has(nino))
    }
  })

  it('mixes query kinds as documented', () => {
    for (const kind of QUERY_KINDS) {
      const observed = queries.filter((query) => query.kind === kind).length / queries.length
      assert.ok(Math.abs(observed - QUERY_KIND_MIX[kind]) < 0.015, `${kind}: ${observed}`)
    }
  })

  it('hands the matcher queries in the shape types.ts promises', () => {
    for (const { query, kind, hasStrongIdentifier } of queries) {
      assert.ok(isIsoDate(query.dateOfBirth), query.dateOfBirth)
      assert.ok(query.firstName.length > 0 && query.lastName.length > 0)
      if (query.nationalInsuranceNumber !== undefined) assert.match(query.nationalInsuranceNumber, /^[A-Z]{2}\d{6}[A-D]$/)
      if (query.trn !== undefined) assert.match(query.trn, /^\d{7}$/)
      if (!kind.includes('nino')) assert.equal(query.nationalInsuranceNumber, undefined)
      if (!kind.includes('trn')) assert.equal(query.trn, undefined)
      if (kind !== 'name-dob-email') assert.equal(query.email, undefined)
      assert.equal(hasStrongIdentifier, query.nationalInsuranceNumber !== undefined || query.trn !== undefined)
    }
    assert.ok(queries.some((query) => query.hasStrongIdentifier))
    assert.ok(queries.some((query) => !query.hasStrongIdentifier))
  })

  it('produces every noise kind, each changing the field it claims to', () => {
    for (const kind of NOISE_KINDS) {
      const labelled = queries.filter((query) => query.noise.includes(kind))
      assert.ok(labelled.length >= 10, `${kind} appears (${labelled.length})`)
      for (const query of labelled) {
        const changed = NOISE_FIELDS[kind].some((field) => {
          if (kind === 'nino-format' || kind === 'trn-format') return query.typed[field] !== query.query[field]
          return query.query[field] !== recordValue(query.subject, field)
        })
        assert.ok(changed, `${kind} changed nothing in ${query.id}`)
      }
    }
  })

  it('labels every deviation from the record (no silent noise)', () => {
    for (const query of queries) {
      for (const field of ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'nationalInsuranceNumber', 'trn', 'email'] as const) {
        const asked =
          (field === 'nationalInsuranceNumber' && query.kind.includes('nino')) ||
          (field === 'trn' && query.kind.includes('trn')) ||
          (field === 'email' && query.kind === 'name-dob-email') ||
          !['nationalInsuranceNumber', 'trn', 'email'].includes(field)
        if (!asked) continue
        const touched = NOISE_KINDS.some((kind) => query.noise.includes(kind) && NOISE_FIELDS[kind].includes(field))
        const middleTouched = field === 'middleName' && has(query, 'middle-name-as-first')
        if (!touched && !middleTouched) assert.equal(query.query[field], recordValue(query.subject, field), `${query.id} ${field}`)
      }
    }
  })

  it('makes each noise the kind of mistake it is named after', () => {
    for (const query of queries) {
      const record = query.subject
      const { query: q } = query
      if (has(query, 'dob-day-month-swap')) {
        const [year, month, day] = record.dateOfBirth.split('-')
        assert.equal(q.dateOfBirth, `${year}-${day}-${month}`)
      }
      if (has(query, 'dob-digit-typo')) assert.equal(differing(q.dateOfBirth, record.dateOfBirth).length, 1)
      if (has(query, 'nino-digit-typo')) assert.equal(differing(q.nationalInsuranceNumber!, record.nationalInsuranceNumber!).length, 1)
      if (has(query, 'nino-digits-swapped')) {
        const positions = differing(q.nationalInsuranceNumber!, record.nationalInsuranceNumber!)
        assert.equal(positions.length, 2)
        assert.equal(positions[1]! - positions[0]!, 1)
        assert.deepEqual([...q.nationalInsuranceNumber!].sort(), [...record.nationalInsuranceNumber!].sort())
      }
      if (has(query, 'trn-digit-typo')) assert.equal(differing(q.trn!, record.trn).length, 1)
      if (has(query, 'nino-format')) assert.equal(normaliseNino(query.typed.nationalInsuranceNumber!), q.nationalInsuranceNumber)
      if (has(query, 'trn-format') && !has(query, 'trn-digit-typo')) assert.equal(q.trn, record.trn)
      if (has(query, 'previous-surname')) assert.ok(record.previousLastNames.map(nameKey).includes(nameKey(q.lastName)) || has(query, 'last-name-typo'))
      const onlyFirstNameNoise = (kind: NoiseKind): boolean =>
        has(query, kind) && !NOISE_KINDS.some((other) => other !== kind && has(query, other) && NOISE_FIELDS[other].includes('firstName'))
      if (onlyFirstNameNoise('nickname')) assert.ok(defaultNicknamesOf(nameKey(record.firstName)).includes(q.firstName.toLowerCase()))
      if (onlyFirstNameNoise('first-name-typo')) assert.ok(editDistance(q.firstName, record.firstName) <= 2)
      if (onlyFirstNameNoise('middle-name-as-first')) assert.equal(q.firstName, record.middleName.split(' ')[0])
      if (onlyFirstNameNoise('name-accents') && nameKey(q.lastName) === nameKey(record.lastName)) {
        assert.equal(foldToAscii(q.firstName), foldToAscii(record.firstName))
      }
      if (has(query, 'middle-name-missing')) assert.equal(q.middleName, undefined)
    }
  })

  it('uses the nickname table it is given', () => {
    const withZed = generateQueries({ population: people, count: 3000, seed: 3, outsiderShare: 0, nicknamesOf: () => ['zed'] })
    const nicknamed = withZed.filter((query) => query.noise.includes('nickname'))
    assert.ok(nicknamed.length > 50)
    for (const query of nicknamed) if (!has(query, 'first-name-typo', 'name-case')) assert.equal(query.query.firstName, 'Zed')
  })
})

describe('query helpers', () => {
  it('normalise NINOs and TRNs as the API does', () => {
    assert.equal(normaliseNino(' ab 12-34-56 c '), 'AB123456C')
    assert.equal(normaliseTrn('RP99/12345'), '9912345')
    assert.equal(normaliseTrn('123456'), '0123456')
    assert.equal(normaliseTrn('TRN 1234567'), '1234567')
    assert.equal(normaliseTrn('12'), undefined)
  })

  it('makes one-slip typos that always change the name', () => {
    const random = createRandom('typo')
    for (let i = 0; i < 2000; i++) {
      const name = i % 2 === 0 ? 'Smith' : 'Jo'
      const slipped = typo(name, random)
      assert.notEqual(slipped, name)
      assert.ok(editDistance(slipped, name) <= 2, `${name} → ${slipped}`)
    }
  })
})
