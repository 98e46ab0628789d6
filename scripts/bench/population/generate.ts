// Deterministic synthetic populations of teachers for benchmarks and demo data.
//
//   for (const person of generatePopulation({ size: 1_000_000, seed: 42 })) { ... }
//
// People are streamed: memory stays flat apart from the set of email addresses in use. Everything derives from the
// seed, so the same options always give the same people in the same order.
//
// What is modelled (defaults; see PopulationOptions):
// - ages 21–66 on the reference date, skewed to the 30s and 40s; 75% women, as in the teaching workforce;
// - names from name-frequencies.ts and their synthetic tails (names.ts), drawn by naming tradition so that given
//   names and surnames go together; accents kept on some records and folded on others; a few legacy records in capitals;
// - middle names for most people (two for some), the called name as a middle name after Mohammed/Muhammad, Kaur and
//   Singh as middle names for some Sikh people;
// - marriage: about half of women change surname at some point; the record holds the earlier surname(s) for ~15% of
//   women and ~1.5% of men (some double-barrelled, some second marriages, some reverted to a birth name);
// - TRNs from the allocation year: legacy "YY/NNNNN" numbers before 2008 (leading zeros for 2000–2007), yearly
//   blocks from 1,000,000 after; unique; gaps;
// - NINOs valid and unique, missing for ~10% (more often for people trained overseas);
// - personal email addresses for ~70%, unique unless deliberately shared by a family;
// - QTS for most, EYTS for a few, induction status consistent with them, alerts for ~0.5%;
// - near-duplicates that exist in real records: twins (same date of birth and surname, sometimes similar first
//   names), siblings, parents and children (a few with the same name), married couples (some sharing one address).
//   Unrelated people with the same name and date of birth are not forced: they arise from the frequencies alone.

import type { NameOrigin } from '../../../apps/records/src/matching/reference/name-frequencies.ts'
import type { CandidateRecord } from '../../../apps/records/src/matching/types.ts'
import { addYears, ageOn, dayFromParts, dayOf, isoOf, yearOf } from './dates.ts'
import { EmailRegistry, NinoAllocator, TrnAllocator, type IdentifierRole } from './identifiers.ts'
import {
  ACCENTED_FORMS,
  ACCENT_KEPT,
  BRITISH_GIVEN_NAME_SHARE,
  BRITISH_MIDDLE_NAMES,
  HYPHENATED_GIVEN_NAMES,
  NAME_ORIGINS,
  ORIGIN_SHARES,
  SEX_SPECIFIC_SURNAMES,
  feminineSurname,
  masculineSurname,
  namePools,
  originChoice,
  similarNames,
  type NameForm,
  type NamePool,
  type Sex,
} from './names.ts'
import { AliasTable, WeightedChoice, createRandom, type Random, type Seed } from './random.ts'
import { foldToAscii, nameKey, padNumber, titleCaseName } from './text.ts'

export type { Sex } from './names.ts'

export const INDUCTION_STATUSES = ['Passed', 'InProgress', 'RequiredToComplete', 'Exempt', 'Failed', 'None'] as const
export type InductionStatus = (typeof INDUCTION_STATUSES)[number]

export const ALERT_CODES = ['T1', 'T2', 'T3', 'T5', 'T6', 'A18', 'G1'] as const
export type AlertCode = (typeof ALERT_CODES)[number]

export type GeneratedPerson = {
  /** 7 digits, unique across the population (and never used by outsiders). */
  trn: string
  firstName: string
  /** Empty when none; two middle names are separated by a space. */
  middleName: string
  lastName: string
  /** Earlier surnames the record knows about, oldest first. */
  previousLastNames: string[]
  /** YYYY-MM-DD. */
  dateOfBirth: string
  nationalInsuranceNumber: string | null
  email: string | null
  sex: Sex
  qtsDate: string | null
  eytsDate: string | null
  inductionStatus: InductionStatus
  alerts: AlertCode[]

  // How the person was made (not part of a record).
  /** Naming tradition of the surname. */
  nameOrigin: NameOrigin
  /** Surname at birth, whether or not the record knows it. */
  birthLastName: string
  /** False for outsiders: people who are not in the records. */
  inRecords: boolean
  /** The record stores the names in capitals (old DQT data). */
  upperCaseRecord?: true
  twinOf?: string
  siblingOf?: string
  /** This person is a child of the person with this TRN. */
  childOf?: string
  /** This person is a parent of the person with this TRN. */
  parentOf?: string
  spouseOf?: string
  /** Parent and child with the same first name and surname (the "junior" case). */
  sameNameAs?: string
  /** Shares one email address with this person (a family address). */
  sharesEmailWith?: string
}

export type FamilyRates = {
  /** Share of independently drawn people who bring a twin (each pair adds two people). */
  twin: number
  sibling: number
  parentChild: number
  spouse: number
  /** Given a parent and child of the same sex, chance they share a first name. */
  sameNameAsParent: { male: number; female: number }
  /** Chance a couple in the records share one email address (both records carry it). */
  spouseSharedEmail: number
  /** The same for twins, siblings, parents and children. */
  otherSharedEmail: number
}

export type PopulationOptions = {
  size: number
  seed: Seed
  /** Ages and statuses are as on this date. Default 2025-09-01. */
  referenceDate?: string
  /** Default 0.75. */
  femaleShare?: number
  /** Share of people with no NINO on record. Default 0.10. */
  missingNinoShare?: number
  /** Share of people with an email address on record. Default 0.70. */
  emailShare?: number
  /** Share of women / men whose record holds a previous surname. Default 0.15 / 0.015. */
  previousSurnameShare?: { female?: number; male?: number }
  /** Share of people with an alert. Default 0.005. */
  alertShare?: number
  family?: Partial<FamilyRates>
}

export type OutsiderOptions = PopulationOptions & {
  /** When given, some outsiders are relatives of these people (a twin who is not a teacher, a spouse). */
  population?: readonly GeneratedPerson[]
  /** Share of outsiders who are relatives of population members. Default 0.15 when a population is given. */
  relativeShare?: number
}

export const DEFAULT_FAMILY_RATES: FamilyRates = {
  twin: 0.0025,
  sibling: 0.03,
  parentChild: 0.03,
  spouse: 0.04,
  sameNameAsParent: { male: 0.08, female: 0.02 },
  spouseSharedEmail: 0.35,
  otherSharedEmail: 0.04,
}

export const DEFAULT_REFERENCE_DATE = '2025-09-01'
export const MIN_AGE = 21
export const MAX_AGE = 66

/** Relative number of people at each age, 21 to 66: few new entrants, a plateau through the 30s and 40s, then leavers. */
const AGE_WEIGHTS: readonly number[] = Array.from({ length: MAX_AGE - MIN_AGE + 1 }, (_unused, index) => {
  const age = MIN_AGE + index
  if (age <= 24) return [0.4, 1.0, 1.5, 1.8][age - 21] as number
  if (age <= 29) return 2.1
  if (age <= 34) return 2.4
  if (age <= 39) return 2.5
  if (age <= 44) return 2.4
  if (age <= 49) return 2.3
  if (age <= 54) return 2.1
  if (age <= 59) return 1.8
  if (age <= 62) return 1.4
  return 1.1
})

/** Chance a woman of a given age has changed surname at some point (marriage, mostly). Men: MALE_NAME_CHANGE. */
function femaleNameChange(age: number): number {
  if (age < 25) return 0.08
  if (age < 30) return 0.3
  if (age < 35) return 0.5
  if (age < 45) return 0.6
  return 0.62
}
const MALE_NAME_CHANGE = 0.03

/** Relative likelihood of no NINO on record: people trained overseas are the usual case. */
const MISSING_NINO_WEIGHT: Readonly<Record<NameOrigin, number>> = {
  british: 0.6, arabic: 2, indic: 2.5, sikh: 1.5, 'west-african': 3, polish: 3, 'east-european': 3,
  mediterranean: 3, 'east-asian': 3,
}

const MUHAMMAD_KEYS = new Set(['mohammed', 'muhammad', 'mohammad', 'mohamed'])

const EMAIL_DOMAINS = {
  younger: new WeightedChoice<string>([
    ['gmail.com', 44], ['hotmail.co.uk', 12], ['outlook.com', 10], ['icloud.com', 8], ['hotmail.com', 6],
    ['yahoo.co.uk', 4], ['live.co.uk', 4], ['googlemail.com', 3], ['outlook.co.uk', 2], ['yahoo.com', 2], ['me.com', 1],
    ['live.com', 1], ['btinternet.com', 1], ['protonmail.com', 1], ['sky.com', 1],
  ]),
  older: new WeightedChoice<string>([
    ['gmail.com', 26], ['hotmail.co.uk', 16], ['btinternet.com', 9], ['yahoo.co.uk', 9], ['hotmail.com', 7],
    ['outlook.com', 6], ['aol.com', 4], ['sky.com', 4], ['icloud.com', 4], ['live.co.uk', 3], ['googlemail.com', 3],
    ['virginmedia.com', 2], ['ntlworld.com', 2], ['talktalk.net', 2], ['me.com', 1], ['yahoo.com', 1], ['tiscali.co.uk', 1],
  ]),
}

type LocalPartStyle = 'f.l' | 'fl' | 'il' | 'f_l' | 'l.f' | 'i.l' | 'f.m.l' | 'fyy' | 'f.lyy' | 'li' | 'flyy'
const EMAIL_STYLES = new WeightedChoice<LocalPartStyle>([
  ['f.l', 30], ['fl', 14], ['il', 12], ['f_l', 4], ['l.f', 4], ['i.l', 5], ['f.m.l', 3], ['fyy', 4], ['f.lyy', 10],
  ['li', 3], ['flyy', 7],
])

const ALERT_CHOICE = new WeightedChoice<AlertCode>([
  ['T1', 30], ['T2', 15], ['T3', 10], ['T5', 10], ['T6', 10], ['A18', 10], ['G1', 15],
])

/** The internal picture of a person while they and their relatives are made. */
type Draft = {
  person: GeneratedPerson
  origin: NameOrigin
  givenOrigin: NameOrigin
  sex: Sex
  birthDay: number
  age: number
  firstName: string
  middleName: string
  /** Current surname as written (not capitalised for legacy records). */
  currentLast: string
  /** Surname of the spouse the person took (masculine form), when they changed name on marriage. */
  spouseSurname: string | null
}

type Spec = {
  origin?: NameOrigin
  givenOrigin?: NameOrigin
  sex?: Sex
  birthDay?: number
  firstName?: string
  middleName?: string
  birthLast?: string
  /** Married to someone with this surname; `takeName` says whether the person took it. */
  marriedTo?: { surname: string; takeName: boolean }
}

type Settings = {
  referenceDay: number
  femaleShare: number
  emailShare: number
  alertShare: number
  missingNino: Readonly<Record<NameOrigin, number>>
  previousRecorded: Readonly<Record<Sex, number>>
  family: FamilyRates
}

function settingsFrom(options: PopulationOptions): Settings {
  const referenceDay = dayOf(options.referenceDate ?? DEFAULT_REFERENCE_DATE)
  const missingTarget = options.missingNinoShare ?? 0.1
  const averageWeight = NAME_ORIGINS.reduce((sum, origin) => sum + ORIGIN_SHARES[origin] * MISSING_NINO_WEIGHT[origin], 0)
  const missingNino = Object.fromEntries(
    NAME_ORIGINS.map((origin) => [origin, Math.min(1, (missingTarget * MISSING_NINO_WEIGHT[origin]) / averageWeight)]),
  ) as Record<NameOrigin, number>
  // Chance the record knows an earlier surname, given the person changed name: target share / share who changed.
  const totalWeight = AGE_WEIGHTS.reduce((sum, weight) => sum + weight, 0)
  const femaleChanged = AGE_WEIGHTS.reduce((sum, weight, index) => sum + weight * femaleNameChange(MIN_AGE + index), 0) / totalWeight
  return {
    referenceDay,
    femaleShare: options.femaleShare ?? 0.75,
    emailShare: options.emailShare ?? 0.7,
    alertShare: options.alertShare ?? 0.005,
    missingNino,
    previousRecorded: {
      female: Math.min(1, (options.previousSurnameShare?.female ?? 0.15) / femaleChanged),
      male: Math.min(1, (options.previousSurnameShare?.male ?? 0.015) / MALE_NAME_CHANGE),
    },
    family: {
      ...DEFAULT_FAMILY_RATES,
      ...options.family,
      sameNameAsParent: { ...DEFAULT_FAMILY_RATES.sameNameAsParent, ...options.family?.sameNameAsParent },
    },
  }
}

const opposite = (sex: Sex): Sex => (sex === 'female' ? 'male' : 'female')

/** A surname in the form used by a person of `sex` (Kowalski → Kowalska, Singh ↔ Kaur). */
function surnameForSex(surname: string, origin: NameOrigin, sex: Sex, random: Random): string {
  if (origin === 'british') return surname
  const fixed = SEX_SPECIFIC_SURNAMES[surname.toLowerCase()]
  if (fixed !== undefined && fixed !== sex) {
    if (origin === 'sikh') return sex === 'female' ? 'Kaur' : 'Singh'
    return namePools().surname[origin][sex].sample(random).display
  }
  return sex === 'female' ? feminineSurname(surname, origin) : masculineSurname(surname, origin)
}

class PersonFactory {
  private readonly random: Random
  private readonly settings: Settings
  private readonly role: IdentifierRole
  private readonly trns: TrnAllocator
  private readonly ninos: NinoAllocator
  private readonly emails: EmailRegistry
  private readonly ageTable = new AliasTable(AGE_WEIGHTS)
  private readonly birthRanges: readonly (readonly [number, number])[]

  constructor(settings: Settings, role: IdentifierRole, random: Random) {
    this.settings = settings
    this.role = role
    this.random = random
    this.trns = new TrnAllocator(role, random.fork('trn'))
    this.ninos = new NinoAllocator(role)
    this.emails = new EmailRegistry(role, random.fork('email'))
    this.birthRanges = AGE_WEIGHTS.map((_weight, index) => {
      const age = MIN_AGE + index
      return [addYears(settings.referenceDay, -(age + 1)) + 1, addYears(settings.referenceDay, -age)] as const
    })
  }

  // -- dates ------------------------------------------------------------------------------------------------------

  sampleBirthDay(): number {
    const age = MIN_AGE + this.ageTable.sample(this.random)
    return this.birthDayForAge(age)
  }

  /** A birth date making the person exactly `age` on the reference date. */
  birthDayForAge(age: number): number {
    const [earliest, latest] = this.birthRanges[age - MIN_AGE] as readonly [number, number]
    return earliest + this.random.int(latest - earliest + 1)
  }

  /** Keeps a relative's birth date inside the population's age range, or returns null. */
  clampBirthDay(day: number): number | null {
    const age = ageOn(day, this.settings.referenceDay)
    return age >= MIN_AGE && age <= MAX_AGE ? day : null
  }

  // -- names ------------------------------------------------------------------------------------------------------

  /** How a name is written on this person's record: accents kept or folded. */
  private written(form: NameForm, origin: NameOrigin): string {
    if (form.listed) {
      const accented = ACCENTED_FORMS[form.key]
      const keep = origin === 'british' ? 0.15 : ACCENT_KEPT[origin]
      return accented !== undefined && this.random.chance(keep) ? accented : form.display
    }
    return form.nonAscii && !this.random.chance(ACCENT_KEPT[origin]) ? foldToAscii(form.display) : form.display
  }

  private givenPool(origin: NameOrigin, sex: Sex): NamePool {
    return namePools().given[origin][sex]
  }

  private firstName(givenOrigin: NameOrigin, sex: Sex): string {
    if (givenOrigin === 'british' && this.random.chance(sex === 'female' ? 0.012 : 0.003)) {
      return this.random.pick(HYPHENATED_GIVEN_NAMES[sex])
    }
    return this.written(this.givenPool(givenOrigin, sex).sample(this.random), givenOrigin)
  }

  private middleNames(givenOrigin: NameOrigin, origin: NameOrigin, sex: Sex, firstName: string, birthLast: string): string {
    const random = this.random
    let count = random.chance(0.42) ? 0 : random.chance(0.86) ? 1 : 2
    const firstLower = firstName.toLowerCase()
    if (givenOrigin === 'arabic' && MUHAMMAD_KEYS.has(firstLower) && random.chance(0.85)) count = Math.max(count, 1)
    let title = ''
    if (origin === 'sikh') {
      const candidate = sex === 'female' ? 'Kaur' : 'Singh'
      if (birthLast !== candidate && random.chance(0.45)) {
        count = Math.max(0, count - 1)
        title = candidate // Kaur / Singh goes last among the middle names
      }
    }
    let middle = ''
    let previous = ''
    for (let attempt = 0, drawn = 0; drawn < count && attempt < 10; attempt++) {
      const name =
        givenOrigin === 'british' && random.chance(0.5)
          ? BRITISH_MIDDLE_NAMES[sex].sample(random)
          : this.written(this.givenPool(givenOrigin, sex).sample(random), givenOrigin)
      const lower = name.toLowerCase()
      if (lower !== firstLower && lower !== previous && name !== title) {
        middle = middle === '' ? name : `${middle} ${name}`
        previous = lower
        drawn++
      }
    }
    return title === '' ? middle : middle === '' ? title : `${middle} ${title}`
  }

  private surname(origin: NameOrigin, sex: Sex): string {
    const random = this.random
    const first = this.written(namePools().surname[origin][sex].sample(random), origin)
    if (origin === 'british' && random.chance(0.01)) {
      const second = this.written(namePools().surname.british[sex].sample(random), 'british')
      if (nameKey(second) !== nameKey(first)) return `${first}-${second}`
    }
    return first
  }

  /** Surname of someone a person of `origin` marries: mostly the same tradition. */
  private spouseSurname(origin: NameOrigin, spouseSex: Sex): { surname: string; origin: NameOrigin } {
    const spouseOrigin = this.random.chance(0.85) ? origin : originChoice.sample(this.random)
    return { surname: this.surname(spouseOrigin, spouseSex), origin: spouseOrigin }
  }

  // -- people -----------------------------------------------------------------------------------------------------

  build(spec: Spec = {}): Draft {
    const random = this.random
    const settings = this.settings
    const origin = spec.origin ?? originChoice.sample(random)
    const sex = spec.sex ?? (random.chance(settings.femaleShare) ? 'female' : 'male')
    const birthDay = spec.birthDay ?? this.sampleBirthDay()
    const age = ageOn(birthDay, settings.referenceDay)
    const birthYear = yearOf(birthDay)
    const givenOrigin = spec.givenOrigin ?? (random.chance(BRITISH_GIVEN_NAME_SHARE[origin]) ? 'british' : origin)

    const birthLast = spec.birthLast ?? this.surname(origin, sex)
    const firstName = spec.firstName ?? this.firstName(givenOrigin, sex)
    const middleName = spec.middleName ?? this.middleNames(givenOrigin, origin, sex, firstName, birthLast)

    // Surname changes, and how many of them the record knows about.
    let currentLast = birthLast
    let earlier: string[] = []
    let spouseSurname: string | null = null
    if (spec.marriedTo) {
      spouseSurname = spec.marriedTo.surname
      if (spec.marriedTo.takeName) {
        currentLast = surnameForSex(spec.marriedTo.surname, origin, sex, random)
        earlier = [birthLast]
      }
    } else if (random.chance(sex === 'female' ? femaleNameChange(age) : MALE_NAME_CHANGE)) {
      const spouse = this.spouseSurname(origin, opposite(sex))
      const taken = surnameForSex(spouse.surname, spouse.origin, sex, random)
      spouseSurname = spouse.surname
      const kind = random.next()
      if (taken.toLowerCase() === birthLast.toLowerCase()) {
        // Married someone with the same surname: nothing changes on the record.
      } else if (sex === 'male') {
        currentLast = kind < 0.5 ? `${birthLast}-${taken}` : taken
        earlier = [birthLast]
      } else if (kind < 0.06) {
        currentLast = `${birthLast}-${taken}`
        earlier = [birthLast]
      } else if (kind < 0.14) {
        const second = this.spouseSurname(origin, 'male')
        currentLast = surnameForSex(second.surname, second.origin, sex, random)
        spouseSurname = second.surname
        earlier = [birthLast, taken]
      } else if (kind < 0.18) {
        currentLast = birthLast // divorced and went back to the birth name
        spouseSurname = null
        earlier = [taken]
      } else {
        currentLast = taken
        earlier = [birthLast]
      }
    }
    if (earlier.length > 0) {
      const currentKey = nameKey(currentLast)
      const keys = earlier.map(nameKey)
      earlier = earlier.filter((_name, index) => keys[index] !== currentKey && keys.indexOf(keys[index] as string) === index)
    }
    const previousLastNames = earlier.length > 0 && random.chance(settings.previousRecorded[sex]) ? earlier : []

    // Training, TRN, qualifications.
    const career = this.career(birthDay, age, origin)
    const trn = this.trns.allocate(career.allocationYear)
    const upperCaseRecord = career.allocationYear <= 2000 && random.chance(0.04)
    const nationalInsuranceNumber = career.missingNino ? null : this.ninos.allocate()

    let email: string | null = null
    if (random.chance(settings.emailShare)) {
      const emailLast = earlier.length > 0 && random.chance(0.4) ? birthLast : currentLast
      email = this.personalEmail(firstName, middleName, emailLast, birthYear, age)
    }

    const alerts: AlertCode[] = []
    if (random.chance(settings.alertShare)) {
      alerts.push(ALERT_CHOICE.sample(random))
      if (random.chance(0.1)) {
        const second = ALERT_CHOICE.sample(random)
        if (second !== alerts[0]) alerts.push(second)
      }
    }

    const person: GeneratedPerson = {
      trn,
      firstName: upperCaseRecord ? firstName.toUpperCase() : firstName,
      middleName: upperCaseRecord ? middleName.toUpperCase() : middleName,
      lastName: upperCaseRecord ? currentLast.toUpperCase() : currentLast,
      previousLastNames: upperCaseRecord ? previousLastNames.map((name) => name.toUpperCase()) : previousLastNames,
      dateOfBirth: isoOf(birthDay),
      nationalInsuranceNumber,
      email,
      sex,
      qtsDate: career.qtsDay === null ? null : isoOf(career.qtsDay),
      eytsDate: career.eytsDay === null ? null : isoOf(career.eytsDay),
      inductionStatus: career.induction,
      alerts,
      nameOrigin: origin,
      birthLastName: birthLast,
      inRecords: this.role === 'population',
    }
    if (upperCaseRecord) person.upperCaseRecord = true
    return { person, origin, givenOrigin, sex, birthDay, age, firstName, middleName, currentLast, spouseSurname }
  }

  private career(birthDay: number, age: number, origin: NameOrigin) {
    const random = this.random
    const referenceDay = this.settings.referenceDay
    const missingNino = random.chance(this.settings.missingNino[origin])
    const overseas = missingNino && random.chance(origin === 'british' ? 0.3 : 0.7)

    // Age on entering teacher training (when the TRN is allocated).
    let entryAge: number
    const band = random.next()
    if (overseas) entryAge = random.between(24, 45)
    else if (band < 0.15) entryAge = random.between(18, 19) // undergraduate QTS course
    else if (band < 0.62) entryAge = random.between(21, 23) // PGCE straight after a degree
    else if (band < 0.82) entryAge = random.between(24, 29)
    else if (band < 0.96) entryAge = random.between(30, 39)
    else entryAge = random.between(40, 50)
    entryAge = Math.min(entryAge, age)

    const birthYear = yearOf(birthDay)
    let allocationDay = dayFromParts(birthYear + entryAge, 9, 1) + random.between(-90, 60)
    if (allocationDay > referenceDay) allocationDay = referenceDay - random.int(200)
    const allocationYear = yearOf(allocationDay)

    // QTS / EYTS.
    const courseYears = overseas ? 0 : entryAge <= 19 ? random.between(3, 4) : random.chance(0.1) ? 2 : 1
    const qtsYear = allocationYear + courseYears
    const awardDay = overseas
      ? allocationDay + random.between(30, 300)
      : random.chance(0.7)
        ? dayFromParts(qtsYear, random.between(6, 8), random.between(1, 28))
        : dayFromParts(qtsYear, random.between(1, 12), random.between(1, 28))
    const outcome = random.next()
    const eytsPossible = allocationYear >= 2013
    let qtsDay: number | null = null
    let eytsDay: number | null = null
    if (outcome < 0.905 || (!eytsPossible && outcome < 0.94)) qtsDay = awardDay
    else if (eytsPossible && outcome < 0.93) eytsDay = awardDay
    else if (eytsPossible && outcome < 0.94) {
      eytsDay = awardDay
      qtsDay = awardDay + random.between(365, 1500)
    }
    if (qtsDay !== null && qtsDay > referenceDay) qtsDay = null // still training
    if (eytsDay !== null && eytsDay > referenceDay) eytsDay = null

    let induction: InductionStatus = 'None'
    if (qtsDay !== null) {
      const yearsSince = (referenceDay - qtsDay) / 365.25
      const roll = random.next()
      if (qtsDay < dayFromParts(2000, 5, 7)) induction = roll < 0.92 ? 'Exempt' : 'Passed'
      else if (overseas) induction = roll < 0.7 ? 'Exempt' : 'RequiredToComplete'
      else if (yearsSince < 2) induction = roll < 0.65 ? 'InProgress' : roll < 0.98 ? 'RequiredToComplete' : 'Passed'
      else if (roll < 0.86) induction = 'Passed'
      else if (roll < 0.94) induction = 'RequiredToComplete'
      else if (roll < 0.98) induction = 'Exempt'
      else if (roll < 0.995) induction = 'InProgress'
      else induction = 'Failed'
    }
    return { allocationYear, qtsDay, eytsDay, induction, missingNino }
  }

  private personalEmail(firstName: string, middleName: string, lastName: string, birthYear: number, age: number): string {
    const random = this.random
    const f = emailToken(firstName, random)
    const l = emailToken(lastName, random)
    const style = EMAIL_STYLES.sample(random)
    const m = style === 'f.m.l' && middleName !== '' ? emailToken(middleName.split(' ')[0] as string, random) : ''
    const yy = padNumber(birthYear % 100, 2)
    const local =
      style === 'f.l' ? `${f}.${l}`
      : style === 'fl' ? `${f}${l}`
      : style === 'il' ? `${f[0]}${l}`
      : style === 'f_l' ? `${f}_${l}`
      : style === 'l.f' ? `${l}.${f}`
      : style === 'i.l' ? `${f[0]}.${l}`
      : style === 'f.m.l' ? (m ? `${f}.${m[0]}.${l}` : `${f}.${l}`)
      : style === 'fyy' ? `${f}${yy}`
      : style === 'f.lyy' ? `${f}.${l}${yy}`
      : style === 'li' ? `${l}${f[0]}`
      : `${f}${l}${yy}`
    const domain = (age < 40 ? EMAIL_DOMAINS.younger : EMAIL_DOMAINS.older).sample(random)
    return this.emails.claim(local, domain, birthYear)
  }

  familyEmail(a: Draft, b: Draft): string {
    const random = this.random
    const l = emailToken(a.currentLast, random)
    const fa = emailToken(a.firstName, random)
    const fb = emailToken(b.firstName, random)
    const local = random.pick([`the${l}s`, `${l}family`, `${fa}and${fb}`, `${fa}and${fb}${l}`, `${l}${fa[0]}${fb[0]}`, `${l}home`])
    const domain = (Math.max(a.age, b.age) < 40 ? EMAIL_DOMAINS.younger : EMAIL_DOMAINS.older).sample(random)
    return this.emails.claim(local, domain, yearOf(Math.min(a.birthDay, b.birthDay)))
  }

  // -- relatives --------------------------------------------------------------------------------------------------

  /** Relatives of a freshly made person, per the family rates. */
  relativesOf(base: Draft): Draft[] {
    const random = this.random
    const rates = this.settings.family
    const relatives: Draft[] = []
    const add = (relative: Draft | null): void => {
      if (relative) relatives.push(relative)
    }
    if (random.chance(rates.twin)) add(this.twin(base))
    if (random.chance(rates.sibling)) add(this.sibling(base))
    if (random.chance(rates.parentChild)) add(this.parentOrChild(base))
    if (random.chance(rates.spouse)) add(this.spouse(base))
    return relatives
  }

  /** One relative of an existing person, of a random kind (used for outsiders related to the population). */
  anyRelativeOf(base: Draft): Draft | null {
    const roll = this.random.next()
    if (roll < 0.2) return this.twin(base)
    if (roll < 0.55) return this.sibling(base)
    if (roll < 0.75) return this.parentOrChild(base)
    return this.spouse(base)
  }

  private birthSurnameOf(base: Draft, sex: Sex): string {
    return surnameForSex(base.person.birthLastName, base.origin, sex, this.random)
  }

  twin(base: Draft): Draft {
    const random = this.random
    const sex = random.chance(0.67) ? base.sex : opposite(base.sex)
    let firstName: string | undefined
    if (sex === base.sex && random.chance(0.2)) {
      const similar = similarNames(namePools().given[base.givenOrigin][sex], nameKey(base.firstName))
      if (similar.length > 0) firstName = random.pick(similar).display
    }
    let twin = this.build({ origin: base.origin, givenOrigin: base.givenOrigin, sex, birthDay: base.birthDay, firstName, birthLast: this.birthSurnameOf(base, sex) })
    for (let attempt = 0; attempt < 5 && nameKey(twin.firstName) === nameKey(base.firstName); attempt++) {
      twin = this.build({ origin: base.origin, givenOrigin: base.givenOrigin, sex, birthDay: base.birthDay, birthLast: this.birthSurnameOf(base, sex) })
    }
    twin.person.twinOf = base.person.trn
    this.maybeShareEmail(base, twin, this.settings.family.otherSharedEmail)
    return twin
  }

  sibling(base: Draft): Draft | null {
    const random = this.random
    const gapYears = random.between(1, 10) * (random.chance(0.5) ? 1 : -1)
    const birthDay = this.clampBirthDay(addYears(base.birthDay, gapYears) + random.between(-150, 150))
    if (birthDay === null) return null
    const sex = random.chance(this.settings.femaleShare) ? 'female' : 'male'
    const sibling = this.build({ origin: base.origin, givenOrigin: base.givenOrigin, sex, birthDay, birthLast: this.birthSurnameOf(base, sex) })
    if (nameKey(sibling.firstName) === nameKey(base.firstName)) return null
    sibling.person.siblingOf = base.person.trn
    this.maybeShareEmail(base, sibling, this.settings.family.otherSharedEmail)
    return sibling
  }

  parentOrChild(base: Draft): Draft | null {
    const random = this.random
    const sex: Sex = random.chance(this.settings.femaleShare) ? 'female' : 'male'
    const sameName = sex === base.sex && random.chance(this.settings.family.sameNameAsParent[sex])
    let relative: Draft
    if (base.age >= MIN_AGE + 20 && (base.age + 20 > MAX_AGE || random.chance(0.5))) {
      // A child of the base person, 20–40 years younger, with the parent's current surname.
      const birthDay = this.clampBirthDay(addYears(base.birthDay, random.between(20, Math.min(40, base.age - MIN_AGE))) + random.between(-150, 150))
      if (birthDay === null) return null
      relative = this.build({
        origin: base.origin,
        givenOrigin: base.givenOrigin,
        sex,
        birthDay,
        birthLast: surnameForSex(base.currentLast, base.origin, sex, random),
        firstName: sameName ? base.firstName : undefined,
        middleName: sameName && random.chance(0.5) ? base.middleName : undefined,
      })
      relative.person.childOf = base.person.trn
    } else if (base.age + 20 <= MAX_AGE) {
      // A parent: fathers pass on their surname; mothers mostly took it on marriage.
      const birthDay = this.clampBirthDay(addYears(base.birthDay, -random.between(20, Math.min(40, MAX_AGE - base.age))) + random.between(-150, 150))
      if (birthDay === null) return null
      const familyName = base.person.birthLastName
      relative = this.build({
        origin: base.origin,
        givenOrigin: base.givenOrigin,
        sex,
        birthDay,
        birthLast: sex === 'male' ? surnameForSex(familyName, base.origin, sex, random) : undefined,
        marriedTo: sex === 'female' ? { surname: surnameForSex(familyName, base.origin, 'male', random), takeName: random.chance(0.85) } : undefined,
        firstName: sameName ? base.firstName : undefined,
        middleName: sameName && random.chance(0.5) ? base.middleName : undefined,
      })
      relative.person.parentOf = base.person.trn
    } else {
      return null
    }
    if (sameName && nameKey(relative.firstName) === nameKey(base.firstName) && nameKey(relative.currentLast) === nameKey(base.currentLast)) {
      relative.person.sameNameAs = base.person.trn
    }
    this.maybeShareEmail(base, relative, this.settings.family.otherSharedEmail)
    return relative
  }

  spouse(base: Draft): Draft | null {
    const random = this.random
    if (base.age < 23) return null
    const sex = random.chance(0.97) ? opposite(base.sex) : base.sex
    const gap = Math.round(2 + 3 * random.normal()) * (base.sex === 'female' ? 1 : -1) // husbands a little older
    const birthDay = this.clampBirthDay(addYears(base.birthDay, -gap) + random.between(-150, 150))
    if (birthDay === null) return null
    const origin = random.chance(0.9) ? base.origin : originChoice.sample(random)
    let spouse: Draft
    if (sex === base.sex) {
      spouse = this.build({ origin, sex, birthDay })
    } else if (sex === 'male') {
      // The base person is a woman: her husband's surname is the one she took, if she took one.
      const surname = base.spouseSurname ?? undefined
      spouse = this.build({ origin, sex, birthDay, birthLast: surname === undefined ? undefined : surnameForSex(surname, origin, 'male', random) })
    } else {
      spouse = this.build({ origin, sex, birthDay, marriedTo: { surname: masculineSurname(base.currentLast, base.origin), takeName: random.chance(0.78) } })
    }
    spouse.person.spouseOf = base.person.trn
    this.maybeShareEmail(base, spouse, this.settings.family.spouseSharedEmail)
    return spouse
  }

  private maybeShareEmail(base: Draft, relative: Draft, chance: number): void {
    if (!this.random.chance(chance)) return
    if (base.person.inRecords === relative.person.inRecords) {
      if (base.person.sharesEmailWith !== undefined) return // one shared address per person keeps the links exact
      const shared = this.familyEmail(base, relative)
      base.person.email = shared
      relative.person.email = shared
      base.person.sharesEmailWith = relative.person.trn
    } else if (base.person.email !== null) {
      relative.person.email = base.person.email // an outsider using the family address that is on a record
    } else {
      return
    }
    relative.person.sharesEmailWith = base.person.trn
  }
}

const PLAIN_NAME = /^[A-Za-z]+$/

function emailToken(name: string, random: Random): string {
  if (PLAIN_NAME.test(name)) return name.toLowerCase()
  const token = foldToAscii(name).toLowerCase().replace(/[^a-z0-9-]/g, '')
  return token.includes('-') && random.chance(0.6) ? token.replace(/-/g, '') : token
}

/** Rebuilds the internal picture of a person made elsewhere (for relatives of population members). */
function draftOf(person: GeneratedPerson, referenceDay: number): Draft {
  const proper = (text: string): string => (person.upperCaseRecord ? titleCaseName(text) : text)
  const firstName = proper(person.firstName)
  const currentLast = proper(person.lastName)
  const birthLast = person.birthLastName
  const firstKey = nameKey(firstName)
  const britishGiven = namePools().given.british[person.sex].listed.some((form) => form.key === firstKey)
  let spouseSurname: string | null = null
  if (nameKey(currentLast) !== nameKey(birthLast)) {
    spouseSurname = currentLast.startsWith(`${birthLast}-`) ? currentLast.slice(birthLast.length + 1) : currentLast
  }
  const birthDay = dayOf(person.dateOfBirth)
  return {
    person,
    origin: person.nameOrigin,
    givenOrigin: britishGiven ? 'british' : person.nameOrigin,
    sex: person.sex,
    birthDay,
    age: ageOn(birthDay, referenceDay),
    firstName,
    middleName: proper(person.middleName),
    currentLast,
    spouseSurname,
  }
}

/** Min-heap of people waiting to be emitted, so relatives land a few thousand rows after each other, not adjacent. */
class PendingQueue {
  private readonly items: { due: number; order: number; person: GeneratedPerson }[] = []
  private order = 0

  get size(): number {
    return this.items.length
  }

  push(due: number, person: GeneratedPerson): void {
    const items = this.items
    items.push({ due, order: this.order++, person })
    let index = items.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!this.less(index, parent)) break
      ;[items[index], items[parent]] = [items[parent]!, items[index]!]
      index = parent
    }
  }

  peekDue(): number {
    return this.items[0]?.due ?? Number.POSITIVE_INFINITY
  }

  pop(): GeneratedPerson {
    const items = this.items
    const top = items[0]!
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let index = 0
      for (;;) {
        const left = 2 * index + 1
        const right = left + 1
        let smallest = index
        if (left < items.length && this.less(left, smallest)) smallest = left
        if (right < items.length && this.less(right, smallest)) smallest = right
        if (smallest === index) break
        ;[items[index], items[smallest]] = [items[smallest]!, items[index]!]
        index = smallest
      }
    }
    return top.person
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!
    const y = this.items[b]!
    return x.due < y.due || (x.due === y.due && x.order < y.order)
  }
}

function validate(options: PopulationOptions): void {
  if (!Number.isInteger(options.size) || options.size < 0) throw new Error(`size must be a non-negative integer, got ${options.size}`)
  if (options.size > 150_000_000) throw new Error('size above 150 million is not supported by the identifier ranges')
}

/** Streams `size` people who are in the records. Deterministic for a given seed and options. */
export function* generatePopulation(options: PopulationOptions): Generator<GeneratedPerson, void, undefined> {
  validate(options)
  const random = createRandom(options.seed, 'population')
  const factory = new PersonFactory(settingsFrom(options), 'population', random)
  const pending = new PendingQueue()
  let emitted = 0
  while (emitted < options.size) {
    if (pending.peekDue() <= emitted) {
      emitted++
      yield pending.pop()
      continue
    }
    if (emitted + pending.size >= options.size) {
      emitted++
      yield pending.pop() // no room for new families: flush the relatives still waiting
      continue
    }
    const base = factory.build()
    const relatives = factory.relativesOf(base)
    if (emitted + pending.size + 1 + relatives.length <= options.size) {
      for (const relative of relatives) pending.push(emitted + 1 + random.int(5000), relative.person)
    } else {
      // Too close to the end to fit them: drop the relatives and undo the links they made to the base person.
      delete base.person.sharesEmailWith
    }
    emitted++
    yield base.person
  }
}

/**
 * Streams people who are NOT in the records, drawn from the same distributions with an independent stream. Their
 * TRNs, NINOs and email addresses never belong to anyone in any population (the identifier spaces are partitioned),
 * except that an outsider married to a population member may use the couple's shared address (`sharesEmailWith`).
 * With `population`, a share of them are relatives of population members: the hard negatives of real matching.
 */
export function* generateOutsiders(options: OutsiderOptions): Generator<GeneratedPerson, void, undefined> {
  validate(options)
  const random = createRandom(options.seed, 'outsiders')
  const settings = settingsFrom(options)
  const factory = new PersonFactory(settings, 'outsider', random)
  const population = options.population ?? []
  const relativeShare = population.length > 0 ? (options.relativeShare ?? 0.15) : 0
  for (let index = 0; index < options.size; index++) {
    let person: GeneratedPerson | null = null
    if (random.chance(relativeShare)) {
      const base = draftOf(random.pick(population), settings.referenceDay)
      person = factory.anyRelativeOf(base)?.person ?? null
    }
    yield person ?? factory.build().person
  }
}

/** The record as the matcher sees it. Previous surnames become previous names with the current first and middle names. */
export function toCandidateRecord(person: GeneratedPerson): CandidateRecord {
  return {
    trn: person.trn,
    firstName: person.firstName,
    middleName: person.middleName === '' ? null : person.middleName,
    lastName: person.lastName,
    previousNames: person.previousLastNames.map((lastName) => ({
      firstName: person.firstName,
      middleName: person.middleName === '' ? null : person.middleName,
      lastName,
    })),
    dateOfBirth: person.dateOfBirth,
    nationalInsuranceNumber: person.nationalInsuranceNumber,
    email: person.email,
  }
}
