import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ALERT_CODES, generateOutsiders, generatePopulation, toCandidateRecord, type GeneratedPerson } from './generate.ts'
import { ageOn, dayOf, isIsoDate } from './dates.ts'
import { NINO_PATTERN, isValidNino } from './identifiers.ts'
import { summarisePopulation } from './stats.ts'
import { nameKey } from './text.ts'

const SIZE = 100_000
const people = [...generatePopulation({ size: SIZE, seed: 20250901 })]
const byTrn = new Map(people.map((person) => [person.trn, person]))
const women = people.filter((person) => person.sex === 'female')
const men = people.filter((person) => person.sex === 'male')
const share = (list: readonly GeneratedPerson[], test: (person: GeneratedPerson) => boolean): number =>
  list.filter(test).length / list.length
const REFERENCE_DAY = dayOf('2025-09-01')

describe('generatePopulation', () => {
  it('is deterministic: the same seed gives the same people, another seed different ones', () => {
    const first = [...generatePopulation({ size: 3000, seed: 'demo' })]
    const again = [...generatePopulation({ size: 3000, seed: 'demo' })]
    const other = [...generatePopulation({ size: 3000, seed: 'demo2' })]
    assert.deepEqual(again, first)
    assert.notDeepEqual(other.map((person) => person.trn), first.map((person) => person.trn))
    assert.equal(first.length, 3000)
  })

  it('gives every person a unique 7-digit TRN, some with the leading zeros of legacy ranges', () => {
    assert.equal(people.length, SIZE)
    assert.equal(byTrn.size, SIZE)
    for (const person of people) assert.match(person.trn, /^\d{7}$/)
    const leadingZero = share(people, (person) => person.trn.startsWith('0'))
    assert.ok(leadingZero > 0.05 && leadingZero < 0.4, `leading zeros ${leadingZero}`)
    assert.ok(people.some((person) => person.trn.startsWith('1')), 'numbers from the 1,000,000 range')
  })

  it('dates legacy TRNs by the year the person entered training', () => {
    for (const person of people) {
      const prefix = Number(person.trn.slice(0, 2))
      if (person.qtsDate === null || !(prefix >= 75 || prefix <= 7)) continue
      const year = prefix >= 75 ? 1900 + prefix : 2000 + prefix
      assert.ok(Number(person.qtsDate.slice(0, 4)) >= year, `${person.trn} qualified ${person.qtsDate}`)
    }
  })

  it('gives valid, unique NINOs to about 90% of people', () => {
    const ninos = people.flatMap((person) => (person.nationalInsuranceNumber === null ? [] : [person.nationalInsuranceNumber]))
    assert.equal(new Set(ninos).size, ninos.length)
    for (const nino of ninos) {
      assert.match(nino, NINO_PATTERN)
      assert.ok(isValidNino(nino), nino)
      assert.ok(!['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(nino.slice(0, 2)), nino)
      assert.match(nino, /[A-D]$/) // HMRC suffixes
    }
    const missing = share(people, (person) => person.nationalInsuranceNumber === null)
    assert.ok(Math.abs(missing - 0.1) < 0.015, `missing NINO ${missing}`)
  })

  it('follows configured shares', () => {
    const custom = [...generatePopulation({ size: 20_000, seed: 5, missingNinoShare: 0.3, emailShare: 0.5, femaleShare: 0.5, previousSurnameShare: { female: 0.25 } })]
    const missing = share(custom, (person) => person.nationalInsuranceNumber === null)
    const email = share(custom, (person) => person.email !== null)
    const female = share(custom, (person) => person.sex === 'female')
    const previous = share(custom.filter((person) => person.sex === 'female'), (person) => person.previousLastNames.length > 0)
    assert.ok(Math.abs(missing - 0.3) < 0.03, `missing ${missing}`)
    assert.ok(Math.abs(email - 0.5) < 0.03, `email ${email}`)
    assert.ok(Math.abs(female - 0.5) < 0.03, `female ${female}`)
    assert.ok(Math.abs(previous - 0.25) < 0.03, `previous ${previous}`)
  })

  it('gives real dates of birth, ages 21 to 66 skewed to the middle, and consistent qualification dates', () => {
    let totalAge = 0
    for (const person of people) {
      assert.ok(isIsoDate(person.dateOfBirth), person.dateOfBirth)
      const age = ageOn(dayOf(person.dateOfBirth), REFERENCE_DAY)
      assert.ok(age >= 21 && age <= 66, `age ${age}`)
      totalAge += age
      for (const date of [person.qtsDate, person.eytsDate]) {
        if (date === null) continue
        assert.ok(isIsoDate(date), date)
        assert.ok(date <= '2025-09-01' && ageOn(dayOf(person.dateOfBirth), dayOf(date)) >= 18, `${person.dateOfBirth} qualified ${date}`)
      }
      if (['Passed', 'InProgress', 'Failed', 'RequiredToComplete'].includes(person.inductionStatus)) assert.notEqual(person.qtsDate, null)
      if (person.qtsDate === null) assert.equal(person.inductionStatus, 'None')
    }
    const meanAge = totalAge / people.length
    assert.ok(meanAge > 38 && meanAge < 46, `mean age ${meanAge}`)
    const qts = share(people, (person) => person.qtsDate !== null)
    const eyts = share(people, (person) => person.eytsDate !== null)
    assert.ok(qts > 0.75 && qts < 0.95, `QTS ${qts}`)
    assert.ok(eyts > 0.002 && eyts < 0.05, `EYTS ${eyts}`)
  })

  it('draws surnames with realistic frequencies: Smith about 1%, a long tail of rare names', () => {
    const counts = new Map<string, number>()
    for (const person of people) counts.set(nameKey(person.lastName), (counts.get(nameKey(person.lastName)) ?? 0) + 1)
    const top = [...counts].sort((a, b) => b[1] - a[1])
    assert.equal(top[0]?.[0], 'smith')
    const smith = (counts.get('smith') ?? 0) / SIZE
    assert.ok(smith > 0.008 && smith < 0.014, `Smith ${smith}`)
    assert.ok((counts.get('jones') ?? 0) > (counts.get('taylor') ?? 0))
    const unique = [...counts.values()].filter((count) => count === 1).length / SIZE
    assert.ok(unique > 0.05, `people with a surname nobody else has: ${unique}`)
    assert.ok(people.some((person) => person.lastName.includes('-')), 'double-barrelled surnames')
    assert.ok(people.some((person) => /[^\p{ASCII}]/u.test(person.firstName + person.lastName)), 'accented names')
    assert.ok(people.some((person) => person.upperCaseRecord && person.lastName === person.lastName.toUpperCase()))
  })

  it('gives previous surnames to about 15% of women and a few men, and middle names to most people', () => {
    const previousWomen = share(women, (person) => person.previousLastNames.length > 0)
    const previousMen = share(men, (person) => person.previousLastNames.length > 0)
    assert.ok(Math.abs(previousWomen - 0.15) < 0.025, `women ${previousWomen}`)
    assert.ok(previousMen > 0.005 && previousMen < 0.03, `men ${previousMen}`)
    assert.ok(people.some((person) => person.previousLastNames.length === 2))
    assert.ok(people.some((person) => person.previousLastNames.length > 0 && person.lastName.includes('-')))
    for (const person of people) {
      for (const previous of person.previousLastNames) assert.notEqual(nameKey(previous), nameKey(person.lastName))
    }
    const middle = share(people, (person) => person.middleName !== '')
    const twoMiddle = share(people, (person) => person.middleName.includes(' '))
    assert.ok(middle > 0.45 && middle < 0.7, `middle ${middle}`)
    assert.ok(twoMiddle > 0.02, `two middle names ${twoMiddle}`)
  })

  it('gives about 70% of people an email address, unique except family addresses shared on purpose', () => {
    const email = share(people, (person) => person.email !== null)
    assert.ok(Math.abs(email - 0.7) < 0.03, `email ${email}`)
    const owners = new Map<string, GeneratedPerson[]>()
    for (const person of people) if (person.email !== null) owners.set(person.email, [...(owners.get(person.email) ?? []), person])
    let shared = 0
    for (const [address, holders] of owners) {
      assert.match(address, /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+$/, address)
      if (holders.length === 1) continue
      shared++
      assert.equal(holders.length, 2, address)
      const [a, b] = holders as [GeneratedPerson, GeneratedPerson]
      assert.ok(a.sharesEmailWith === b.trn || b.sharesEmailWith === a.trn, `${address} shared by unrelated people`)
    }
    assert.ok(shared > 100, `shared family addresses ${shared}`)
    for (const person of people) {
      if (person.sharesEmailWith === undefined) continue
      assert.equal(byTrn.get(person.sharesEmailWith)?.email, person.email, 'sharesEmailWith names someone with the same address')
    }
  })

  it('leaves unrelated people with the same name and date of birth to chance: rare, not forced', () => {
    const summary = summarisePopulation(people)
    // At 100,000 people chance gives a handful at most (about 60 at a million); relatives are excluded by construction.
    assert.ok(summary.unrelatedSameNameAndDob <= 15, `${summary.unrelatedSameNameAndDob} coincidences`)
    assert.equal(summary.people, SIZE)
    assert.equal(summary.topSurnames[0]?.name, 'smith')
  })

  it('includes twins with the same date of birth and family name, some with similar first names', () => {
    const twins = people.filter((person) => person.twinOf !== undefined)
    assert.ok(twins.length > 100, `${twins.length} twins`)
    let similar = 0
    for (const twin of twins) {
      const other = byTrn.get(twin.twinOf as string)
      assert.ok(other, 'twin of someone in the population')
      assert.equal(twin.dateOfBirth, other.dateOfBirth)
      assert.equal(nameKey(twin.birthLastName).slice(0, 4), nameKey(other.birthLastName).slice(0, 4))
      assert.notEqual(nameKey(twin.firstName), nameKey(other.firstName))
      const a = nameKey(twin.firstName)
      const b = nameKey(other.firstName)
      if (a.slice(0, 2) === b.slice(0, 2) && Math.abs(a.length - b.length) <= 2) similar++
    }
    assert.ok(similar > 0, 'some twins have similar names (Jack and Jake)')
  })

  it('includes siblings, couples and parents with children, a few with the same name as a parent', () => {
    const links = ['siblingOf', 'spouseOf', 'childOf', 'parentOf', 'sameNameAs', 'sharesEmailWith'] as const
    for (const person of people) {
      for (const link of links) {
        const trn = person[link]
        if (trn !== undefined) assert.ok(byTrn.has(trn), `${link} points into the population`)
      }
    }
    assert.ok(people.filter((person) => person.siblingOf).length > 1000)
    assert.ok(people.filter((person) => person.spouseOf).length > 1000)
    const juniors = people.filter((person) => person.sameNameAs !== undefined)
    assert.ok(juniors.length > 5, `${juniors.length} parent/child pairs with the same name`)
    for (const junior of juniors) {
      const other = byTrn.get(junior.sameNameAs as string) as GeneratedPerson
      assert.equal(nameKey(junior.firstName), nameKey(other.firstName))
      assert.equal(nameKey(junior.lastName), nameKey(other.lastName))
      const gap = Math.abs(dayOf(junior.dateOfBirth) - dayOf(other.dateOfBirth)) / 365.25
      assert.ok(gap >= 19, `generation gap ${gap}`)
    }
    // Couples where the wife took the husband's surname share it.
    const couples = people.filter((person) => person.spouseOf && person.sex === 'female' && person.previousLastNames.length > 0)
    assert.ok(couples.some((wife) => nameKey(wife.lastName) === nameKey(byTrn.get(wife.spouseOf as string)!.lastName)))
  })

  it('gives about 0.5% of people alerts, from the known codes', () => {
    const alerted = share(people, (person) => person.alerts.length > 0)
    assert.ok(alerted > 0.003 && alerted < 0.008, `alerts ${alerted}`)
    for (const person of people) for (const code of person.alerts) assert.ok((ALERT_CODES as readonly string[]).includes(code))
  })

  it('converts to the CandidateRecord the matcher sees', () => {
    const person = people.find((candidate) => candidate.previousLastNames.length > 0 && candidate.middleName !== '') as GeneratedPerson
    const record = toCandidateRecord(person)
    assert.equal(record.trn, person.trn)
    assert.equal(record.middleName, person.middleName)
    assert.deepEqual(record.previousNames.map((name) => name.lastName), person.previousLastNames)
    assert.equal(toCandidateRecord({ ...person, middleName: '' }).middleName, null)
  })
})

describe('generateOutsiders', () => {
  const outsiders = [...generateOutsiders({ size: 5000, seed: 20250901, population: people })]
  const populationNinos = new Set(people.map((person) => person.nationalInsuranceNumber))
  const populationEmails = new Set(people.map((person) => person.email))

  it('makes people who are not in the records, with TRNs, NINOs and emails nobody in the records has', () => {
    assert.equal(outsiders.length, 5000)
    for (const outsider of outsiders) {
      assert.equal(outsider.inRecords, false)
      assert.ok(!byTrn.has(outsider.trn), outsider.trn)
      if (outsider.nationalInsuranceNumber !== null) assert.ok(!populationNinos.has(outsider.nationalInsuranceNumber))
      if (outsider.email !== null && populationEmails.has(outsider.email)) {
        assert.ok(outsider.sharesEmailWith !== undefined, 'only a family address on a relative’s record is shared')
      }
    }
    const trns = new Set(outsiders.map((outsider) => outsider.trn))
    assert.equal(trns.size, outsiders.length)
  })

  it('includes relatives of people in the records, the hard negatives', () => {
    const relatives = outsiders.filter((outsider) => outsider.twinOf ?? outsider.siblingOf ?? outsider.spouseOf ?? outsider.childOf ?? outsider.parentOf)
    assert.ok(relatives.length > 400 && relatives.length < 1100, `${relatives.length} relatives`)
    const twin = relatives.find((outsider) => outsider.twinOf) as GeneratedPerson
    assert.equal(twin.dateOfBirth, byTrn.get(twin.twinOf as string)?.dateOfBirth)
  })

  it('is deterministic and independent of the population stream', () => {
    const again = [...generateOutsiders({ size: 200, seed: 20250901 })]
    assert.deepEqual([...generateOutsiders({ size: 200, seed: 20250901 })], again)
    assert.notDeepEqual(again.map((person) => person.firstName), people.slice(0, 200).map((person) => person.firstName))
  })
})
