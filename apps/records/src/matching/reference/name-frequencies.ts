// Approximate frequencies of given names and surnames among adults in England and Wales, per million people.
// Used to judge how rare a name is (matching) and to build realistic populations (benchmarks, demo data).
// Tables are filled in below; names are stored normalised (lower case, ASCII letters, apostrophes removed).

export type GivenNameEntry = { name: string; perMillion: number; sex: 'female' | 'male' }
export type SurnameEntry = { name: string; perMillion: number }

export const givenNames: readonly GivenNameEntry[] = [
  { name: 'david', perMillion: 9000, sex: 'male' },
  { name: 'sarah', perMillion: 7000, sex: 'female' },
]

export const surnames: readonly SurnameEntry[] = [
  { name: 'smith', perMillion: 12000 },
  { name: 'jones', perMillion: 9500 },
]

/** Share of people not covered by the tables above, spread over rarer names. */
export const UNLISTED_GIVEN_NAME_PER_MILLION = 20
export const UNLISTED_SURNAME_PER_MILLION = 10

const givenNameIndex = new Map(givenNames.map((entry) => [entry.name, entry.perMillion]))
const surnameIndex = new Map(surnames.map((entry) => [entry.name, entry.perMillion]))

/** Frequency per million of a normalised given name; names not in the table count as rare. */
export function givenNamePerMillion(normalisedName: string): number {
  return givenNameIndex.get(normalisedName) ?? UNLISTED_GIVEN_NAME_PER_MILLION
}

/** Frequency per million of a normalised surname; names not in the table count as rare. */
export function surnamePerMillion(normalisedName: string): number {
  return surnameIndex.get(normalisedName) ?? UNLISTED_SURNAME_PER_MILLION
}
