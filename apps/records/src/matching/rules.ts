// The decision rules of docs/matching.md, one predicate each, over a record's field comparison.
import type { Comparison, IdentifierLevel } from './compare.ts'
import { isCloseDateOfBirth } from './dates.ts'

export type MatchRule =
  | 'two_identifiers'
  | 'date_of_birth_and_identifier'
  | 'close_date_of_birth_name_and_identifier'
  | 'name_date_of_birth_and_identifier_typo'
  | 'name_date_of_birth_and_email'
  | 'rare_name_and_date_of_birth'

export function firstNameAgrees(c: Comparison): boolean {
  return c.firstName !== 'different'
}

/** The same first name: exactly, as a previous first name on the record, or as a nickname. */
export function firstNameStrong(c: Comparison): boolean {
  return c.firstName === 'exact' || c.firstName === 'previous' || c.firstName === 'nickname'
}

export function lastNameAgrees(c: Comparison): boolean {
  return c.lastName !== 'different'
}

/** The same surname, current or previous on either side. */
export function lastNameStrong(c: Comparison): boolean {
  return c.lastName === 'exact' || c.lastName === 'previous' || c.lastName === 'stated_previous'
}

export function fullNameStrong(c: Comparison): boolean {
  return firstNameStrong(c) && lastNameStrong(c)
}

/** First and last name both agree at some level (typo, initial, double-barrel part, middle name...). */
export function fullNameSimilar(c: Comparison): boolean {
  return firstNameAgrees(c) && lastNameAgrees(c)
}

export function dateOfBirthSupports(c: Comparison): boolean {
  return c.dateOfBirth === 'exact' || isCloseDateOfBirth(c.dateOfBirth)
}

export function isIdentifierTypo(level: IdentifierLevel): boolean {
  return level === 'one_digit' || level === 'one_letter' || level === 'transposed'
}

/** The person stated an NI number or TRN that this record holds differently (beyond a slip of one character). */
export function contradictsIdentifier(c: Comparison): boolean {
  return c.nationalInsuranceNumber === 'different' || c.trn === 'different'
}

/** Absolute rule 2: such a record is never matched, whatever identifiers it shares. */
export function disagreesOnDateOfBirthAndName(c: Comparison): boolean {
  return !dateOfBirthSupports(c) && !fullNameSimilar(c)
}

/** The rule by which this record alone would be a match, or null. `nameIsRare` is asked only when it matters. */
export function matchRule(c: Comparison, nameIsRare: () => boolean): MatchRule | null {
  if (disagreesOnDateOfBirthAndName(c)) return null
  const identifierExact = c.nationalInsuranceNumber === 'exact' || c.trn === 'exact'
  if (c.nationalInsuranceNumber === 'exact' && c.trn === 'exact' && (dateOfBirthSupports(c) || fullNameStrong(c))) {
    return 'two_identifiers'
  }
  if (contradictsIdentifier(c) || c.middleName === 'different') return null
  const dateOfBirthExact = c.dateOfBirth === 'exact'
  // The first name is what tells family members apart (twins share a birthday and a surname).
  const firstNameTellsApart =
    firstNameStrong(c) || ((c.firstName === 'typo' || c.firstName === 'middle') && lastNameStrong(c))
  if (dateOfBirthExact && identifierExact && firstNameTellsApart) return 'date_of_birth_and_identifier'
  if (!fullNameStrong(c)) return null
  if (isCloseDateOfBirth(c.dateOfBirth) && identifierExact) return 'close_date_of_birth_name_and_identifier'
  if (!dateOfBirthExact) return null
  if (isIdentifierTypo(c.nationalInsuranceNumber) || isIdentifierTypo(c.trn)) return 'name_date_of_birth_and_identifier_typo'
  if (c.email === 'exact') return 'name_date_of_birth_and_email'
  if (nameIsRare()) return 'rare_name_and_date_of_birth'
  return null
}

/** Everything the rare-name rule asks for except the rarity itself (to tell a helpdesk agent why it stopped). */
export function missesOnlyRarity(c: Comparison): boolean {
  return (
    c.dateOfBirth === 'exact' && fullNameStrong(c) && !contradictsIdentifier(c) && c.middleName !== 'different'
  )
}

/** Absolute rule 1: a record that makes a match with another record unsafe. */
export function isPlausibleRival(c: Comparison): boolean {
  if (c.nationalInsuranceNumber === 'exact') return true
  if (c.trn === 'exact') return !disagreesOnDateOfBirthAndName(c)
  const sameOrSwappedBirthday = c.dateOfBirth === 'exact' || c.dateOfBirth === 'swapped'
  return sameOrSwappedBirthday && fullNameSimilar(c) && c.nationalInsuranceNumber !== 'different'
}

/** A record a helpdesk agent should see rather than be told there is none. */
export function isNearMiss(c: Comparison, nameIsUncommon: () => boolean): boolean {
  if (c.nationalInsuranceNumber === 'exact' || c.trn === 'exact' || c.email === 'exact') return true
  const someName = firstNameAgrees(c) || lastNameAgrees(c)
  if (isIdentifierTypo(c.nationalInsuranceNumber) || isIdentifierTypo(c.trn)) {
    if (dateOfBirthSupports(c) || someName) return true
  }
  if (dateOfBirthSupports(c)) return someName
  if (c.dateOfBirth === 'missing') return fullNameSimilar(c)
  return fullNameStrong(c) && nameIsUncommon()
}
