// Summary statistics of a generated population: what a reviewer checks to trust the data.

import { surnamePerMillion, UNLISTED_SURNAME_PER_MILLION } from '../../../apps/records/src/matching/reference/name-frequencies.ts'
import type { GeneratedPerson, InductionStatus } from './generate.ts'
import { isLegacyTrn } from './identifiers.ts'
import { nameKey } from './text.ts'

export type PopulationSummary = {
  people: number
  femaleShare: number
  missingNinoShare: number
  emailShare: number
  sharedEmailShare: number
  previousSurnameShare: { female: number; male: number }
  middleNameShare: number
  legacyTrnShare: number
  leadingZeroTrnShare: number
  upperCaseShare: number
  qtsShare: number
  eytsShare: number
  alertShare: number
  induction: Record<InductionStatus, number>
  relations: { twinPairs: number; siblings: number; parentChild: number; sameNameParentChild: number; spouses: number }
  /** Share of people whose surname is in the frequency table. */
  listedSurnameShare: number
  /** Share of people whose surname nobody else in the population has. */
  uniqueSurnameShare: number
  topSurnames: { name: string; share: number }[]
  /** Pairs of people with the same first name, surname and date of birth who are not related (by construction). */
  unrelatedSameNameAndDob: number
}

function related(a: GeneratedPerson, b: GeneratedPerson): boolean {
  const links = (person: GeneratedPerson): (string | undefined)[] => [
    person.twinOf, person.siblingOf, person.childOf, person.parentOf, person.spouseOf, person.sameNameAs,
  ]
  return links(a).includes(b.trn) || links(b).includes(a.trn)
}

export function summarisePopulation(people: Iterable<GeneratedPerson>): PopulationSummary {
  let count = 0
  let female = 0
  let missingNino = 0
  let email = 0
  let sharedEmail = 0
  let previousFemale = 0
  let previousMale = 0
  let middle = 0
  let legacy = 0
  let leadingZero = 0
  let upper = 0
  let qts = 0
  let eyts = 0
  let alerts = 0
  const induction: Record<InductionStatus, number> = { Passed: 0, InProgress: 0, RequiredToComplete: 0, Exempt: 0, Failed: 0, None: 0 }
  const relations = { twinPairs: 0, siblings: 0, parentChild: 0, sameNameParentChild: 0, spouses: 0 }
  const surnames = new Map<string, number>()
  const byNameAndDob = new Map<string, GeneratedPerson | GeneratedPerson[]>()
  let listed = 0

  for (const person of people) {
    count++
    if (person.sex === 'female') female++
    if (person.nationalInsuranceNumber === null) missingNino++
    if (person.email !== null) email++
    if (person.sharesEmailWith !== undefined) sharedEmail++
    if (person.previousLastNames.length > 0) {
      if (person.sex === 'female') previousFemale++
      else previousMale++
    }
    if (person.middleName !== '') middle++
    if (isLegacyTrn(person.trn)) legacy++
    if (person.trn.startsWith('0')) leadingZero++
    if (person.upperCaseRecord) upper++
    if (person.qtsDate !== null) qts++
    if (person.eytsDate !== null) eyts++
    if (person.alerts.length > 0) alerts++
    induction[person.inductionStatus]++
    if (person.twinOf) relations.twinPairs++
    if (person.siblingOf) relations.siblings++
    if (person.childOf || person.parentOf) relations.parentChild++
    if (person.sameNameAs) relations.sameNameParentChild++
    if (person.spouseOf) relations.spouses++

    const surname = nameKey(person.lastName)
    surnames.set(surname, (surnames.get(surname) ?? 0) + 1)
    if (surnamePerMillion(surname) !== UNLISTED_SURNAME_PER_MILLION || surname === '') listed++

    const key = `${nameKey(person.firstName)}|${surname}|${person.dateOfBirth}`
    const existing = byNameAndDob.get(key)
    if (existing === undefined) byNameAndDob.set(key, person)
    else if (Array.isArray(existing)) existing.push(person)
    else byNameAndDob.set(key, [existing, person])
  }

  let unrelatedSameNameAndDob = 0
  for (const group of byNameAndDob.values()) {
    if (!Array.isArray(group)) continue
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) if (!related(group[i]!, group[j]!)) unrelatedSameNameAndDob++
    }
  }
  let unique = 0
  for (const n of surnames.values()) if (n === 1) unique++
  const males = count - female
  return {
    people: count,
    femaleShare: female / count,
    missingNinoShare: missingNino / count,
    emailShare: email / count,
    sharedEmailShare: sharedEmail / count,
    previousSurnameShare: { female: previousFemale / Math.max(1, female), male: previousMale / Math.max(1, males) },
    middleNameShare: middle / count,
    legacyTrnShare: legacy / count,
    leadingZeroTrnShare: leadingZero / count,
    upperCaseShare: upper / count,
    qtsShare: qts / count,
    eytsShare: eyts / count,
    alertShare: alerts / count,
    induction,
    relations,
    listedSurnameShare: listed / count,
    uniqueSurnameShare: unique / count,
    topSurnames: [...surnames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, n]) => ({ name, share: n / count })),
    unrelatedSameNameAndDob,
  }
}
