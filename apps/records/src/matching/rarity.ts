// How many other people could share a name and a date of birth by pure chance.
import { givenNamePerMillion, surnamePerMillion } from './reference/name-frequencies.ts'

export const ENGLAND_POPULATION = 56_000_000
/** Birthdays are spread over about 45 years of working age. */
export const BIRTH_DATES_IN_WORKING_AGE = 45 * 365.25
/** The teaching record holds one person in 20 or so of England: each namesake on it stands for about 20 people. */
export const PEOPLE_PER_NAMESAKE_ON_RECORD = 20
/** A name and date of birth alone are enough only when a coincidence is expected for fewer than 1 query in 1,000. */
export const MAX_EXPECTED_COINCIDENCES = 1 / 1000
/** A matching middle name makes a coincidence rarer, but families reuse middle names: never credit more than 20 times. */
export const MIDDLE_NAME_MAX_CREDIT = 20
/** A full name shared by fewer people than this in England is worth showing a helpdesk agent even with another date of birth. */
export const UNCOMMON_NAME_HOLDERS = 100

export type NameForRarity = {
  /** Normalised first names that would count as this one: the name itself and, for a nickname, the record's form. */
  givenNames: readonly string[]
  /** Normalised surnames, run together: current and any previous ones stated. */
  surnames: readonly string[]
}

/** Expected number of people in England with this first name and surname: the reference tables' estimate,
 * raised when the teaching record alone already holds more namesakes than the tables predict. */
export function expectedNameHolders(name: NameForRarity, namesakesOnRecord: number): number {
  const givenShare = [...new Set(name.givenNames)].reduce((sum, given) => sum + givenNamePerMillion(given), 0) / 1e6
  const surnameShare = Math.max(0, ...name.surnames.map(surnamePerMillion)) / 1e6
  return Math.max(ENGLAND_POPULATION * givenShare * surnameShare, namesakesOnRecord * PEOPLE_PER_NAMESAKE_ON_RECORD)
}

/** Expected number of other people sharing the name and also the date of birth; a middle name that agrees divides it. */
export function expectedCoincidences(nameHolders: number, agreeingMiddleName?: string): number {
  const sameDay = nameHolders / BIRTH_DATES_IN_WORKING_AGE
  if (agreeingMiddleName === undefined) return sameDay
  const middleShare = givenNamePerMillion(agreeingMiddleName) / 1e6
  return sameDay * Math.max(middleShare, 1 / MIDDLE_NAME_MAX_CREDIT)
}
