// Blocking: the keys the database uses to fetch the few records worth comparing with a query.
import { dayMonthSwap } from './dates.ts'
import { emailKey } from './email.ts'
import { normaliseNationalInsuranceNumber, normaliseTrn } from './identifiers.ts'
import { nicknamesOf } from './nicknames.ts'
import { nameTokens } from './normalise.ts'
import { prepareSurname } from './names.ts'
import type { BlockingKeys, CandidateRecord, MatchQuery } from './types.ts'

export { emailKey } from './email.ts'

/** A first name and a middle name, either possibly absent. */
type GivenNameFields = readonly [string | null | undefined, string | null | undefined]

export type RecordNames = Pick<CandidateRecord, 'firstName' | 'middleName' | 'lastName' | 'previousNames'>

/** `surname|givenName` for every surname token × every given-name token, current and previous, normalised.
 * Stored on the record (persons.name_keys) and searched with `name_keys && $nameKeys`. */
export function nameKeysForRecord(record: RecordNames | CandidateRecord): string[] {
  const surnames = [record.lastName, ...record.previousNames.map((name) => name.lastName)]
  const givenNames: GivenNameFields[] = [
    [record.firstName, record.middleName],
    ...record.previousNames.map((name): GivenNameFields => [name.firstName, name.middleName]),
  ]
  return nameKeys(surnameTokens(surnames), givenNameTokens(givenNames))
}

/** The keys for the blocking query: identifiers as stored, the date of birth and its day/month swap, and name keys
 * whose given names are widened with nicknames both ways (Bob finds Robert, Robert finds Bob). */
export function blockingKeysForQuery(query: MatchQuery): BlockingKeys {
  const swapped = dayMonthSwap(query.dateOfBirth)
  const givenNames = givenNameTokens([[query.firstName, query.middleName ?? null]])
  const widened = new Set(givenNames)
  for (const given of givenNames) for (const nickname of nicknamesOf(given)) widened.add(nickname)
  const nino = query.nationalInsuranceNumber ? normaliseNationalInsuranceNumber(query.nationalInsuranceNumber) : ''
  const trn = query.trn ? normaliseTrn(query.trn) : ''
  return {
    trn: trn === '' ? null : trn,
    nationalInsuranceNumber: nino === '' ? null : nino,
    email: emailKey(query.email),
    datesOfBirth: swapped === null ? [query.dateOfBirth] : [query.dateOfBirth, swapped],
    nameKeys: nameKeys(surnameTokens([query.lastName, ...(query.previousLastNames ?? [])]), [...widened]),
  }
}

/** Surname keys (each surname run together, and its meaningful parts) for exact surname look-ups such as the
 * employers' "last name and date of birth" search: persons.last_name_keys, searched with `last_name_keys && $keys`.
 * Empty when no surname has any letters. */
export function surnameKeys(surnames: readonly (string | null | undefined)[]): string[] {
  return surnameTokens(surnames).sort()
}

function nameKeys(surnames: readonly string[], givenNames: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const surname of surnames) for (const given of givenNames) keys.add(`${surname}|${given}`)
  return [...keys].sort()
}

/** Meaningful parts of each surname plus the surname run together, so "Smith-Jones" meets "Smithjones" and "Jones". */
function surnameTokens(surnames: readonly (string | null | undefined)[]): string[] {
  const tokens = new Set<string>()
  for (const raw of surnames) {
    const surname = prepareSurname(raw)
    if (surname.compact === '') continue
    tokens.add(surname.compact)
    for (const part of surname.parts) tokens.add(part)
  }
  return [...tokens]
}

/** Every given-name token, plus multi-part first names run together ("Mary Anne" meets "Maryanne"). */
function givenNameTokens(names: readonly GivenNameFields[]): string[] {
  const tokens = new Set<string>()
  for (const [first, middle] of names) {
    const firstTokens = nameTokens(first)
    const all = [...firstTokens, ...nameTokens(middle)]
    for (const token of all) tokens.add(token)
    if (firstTokens.length >= 2) tokens.add(firstTokens.join(''))
    if (all.length >= 2) tokens.add(all[0]! + all[1]!)
  }
  return [...tokens]
}
