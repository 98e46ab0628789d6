// Field-by-field comparison of what someone told us with one teaching record.
import { compareDatesOfBirth, dayMonthSwap } from './dates.ts'
import type { DateOfBirthLevel } from './dates.ts'
import { emailKey } from './email.ts'
import { compareReferenceNumbers, normaliseNationalInsuranceNumber, normaliseTrn } from './identifiers.ts'
import type { ReferenceNumberLevel } from './identifiers.ts'
import { betterGivenNameComparison, compareGivenNames, compareSurnames, prepareGivenNames, prepareSurname } from './names.ts'
import type { GivenNames, LastNameLevel, MiddleNameLevel, Surname } from './names.ts'
import type { CandidateRecord, MatchQuery } from './types.ts'

export type { DateOfBirthLevel } from './dates.ts'
export type { LastNameLevel, MiddleNameLevel } from './names.ts'

/** 'previous': the record's previous first name, exactly. 'middle': the person goes by a middle name. */
export type FirstNameLevel = 'exact' | 'previous' | 'nickname' | 'typo' | 'middle' | 'initial' | 'different'
/** 'missing': not stated, or not on the record. */
export type IdentifierLevel = ReferenceNumberLevel | 'missing'
export type EmailLevel = 'exact' | 'different' | 'missing'

export type Comparison = {
  firstName: FirstNameLevel
  middleName: MiddleNameLevel
  lastName: LastNameLevel
  dateOfBirth: DateOfBirthLevel
  nationalInsuranceNumber: IdentifierLevel
  trn: IdentifierLevel
  email: EmailLevel
}

/** A query normalised once, to be compared with many records. */
export type PreparedQuery = {
  givenNames: GivenNames
  surname: Surname
  previousSurnames: readonly Surname[]
  dateOfBirth: string
  dateOfBirthSwapped: string | null
  nationalInsuranceNumber: string | null
  trn: string | null
  email: string | null
  /** Normalised names used to judge rarity: first given name, middle names, current and previous surnames. */
  firstName: string
  middleNames: readonly string[]
  surnames: readonly string[]
  /** Name comparisons already made for this query, by the record's raw names (first, then middle; surname):
   * candidates share names a lot. Records with previous names are compared afresh. */
  givenNameMemo: Map<string, Map<string, FirstNameComparison>>
  surnameMemo: Map<string, LastNameLevel>
}

export function prepareQuery(query: MatchQuery): PreparedQuery {
  const givenNames = prepareGivenNames(query.firstName, query.middleName)
  const surname = prepareSurname(query.lastName)
  const previousSurnames = (query.previousLastNames ?? []).map(prepareSurname).filter((name) => name.compact !== '')
  const nino = query.nationalInsuranceNumber ? normaliseNationalInsuranceNumber(query.nationalInsuranceNumber) : ''
  const trn = query.trn ? normaliseTrn(query.trn) : ''
  return {
    givenNames,
    surname,
    previousSurnames,
    dateOfBirth: query.dateOfBirth,
    dateOfBirthSwapped: dayMonthSwap(query.dateOfBirth),
    nationalInsuranceNumber: nino === '' ? null : nino,
    trn: trn === '' ? null : trn,
    email: emailKey(query.email),
    firstName: givenNames.tokens[0] ?? '',
    middleNames: givenNames.tokens.slice(1),
    surnames: [surname, ...previousSurnames].map((name) => name.compact).filter((name) => name !== ''),
    givenNameMemo: new Map(),
    surnameMemo: new Map(),
  }
}

export function compareWithRecord(query: PreparedQuery, record: CandidateRecord): Comparison {
  const given = record.previousNames.some((name) => name.firstName)
    ? compareGivenNamesWithRecord(query.givenNames, record)
    : remember(nestedMemo(query.givenNameMemo, record.firstName), record.middleName ?? '', () =>
        compareGivenNamesWithRecord(query.givenNames, record),
      )
  const heldNino = record.nationalInsuranceNumber ? normaliseNationalInsuranceNumber(record.nationalInsuranceNumber) : ''
  const heldEmail = emailKey(record.email)
  return {
    firstName: given.level,
    middleName: given.middle,
    lastName:
      record.previousNames.length > 0
        ? compareSurnamesWithRecord(query, record)
        : remember(query.surnameMemo, record.lastName, () => compareSurnamesWithRecord(query, record)),
    dateOfBirth: compareDatesOfBirth(query.dateOfBirth, record.dateOfBirth, query.dateOfBirthSwapped),
    nationalInsuranceNumber: compareIdentifier(query.nationalInsuranceNumber, heldNino),
    trn: compareIdentifier(query.trn, record.trn ? normaliseTrn(record.trn) : ''),
    email: query.email === null || heldEmail === null ? 'missing' : query.email === heldEmail ? 'exact' : 'different',
  }
}

function compareIdentifier(stated: string | null, held: string): IdentifierLevel {
  if (stated === null || held === '') return 'missing'
  return compareReferenceNumbers(stated, held)
}

type FirstNameComparison = { level: FirstNameLevel; middle: MiddleNameLevel }

// Keys are the record's own strings, never built ones: a string hashes once, a built key would hash every time.
function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key)
  if (known !== undefined) return known
  const computed = compute()
  memo.set(key, computed)
  return computed
}

function nestedMemo<T>(memo: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let inner = memo.get(key)
  if (inner === undefined) {
    inner = new Map()
    memo.set(key, inner)
  }
  return inner
}

function compareSurnamesWithRecord(query: PreparedQuery, record: CandidateRecord): LastNameLevel {
  return compareSurnames(
    query.surname,
    query.previousSurnames,
    prepareSurname(record.lastName),
    record.previousNames.map((name) => prepareSurname(name.lastName)),
  )
}

/** Best agreement over the record's current given names and every previous first name it holds. */
function compareGivenNamesWithRecord(stated: GivenNames, record: CandidateRecord): FirstNameComparison {
  const current = compareGivenNames(stated, prepareGivenNames(record.firstName, record.middleName))
  if (current.level === 'exact') return current
  let best = current
  for (const previous of record.previousNames) {
    if (!previous.firstName) continue
    const earlier = compareGivenNames(stated, prepareGivenNames(previous.firstName, previous.middleName))
    if (earlier.level === 'exact') return { level: 'previous', middle: earlier.middle }
    best = betterGivenNameComparison(best, earlier)
  }
  return best
}
