// Noisy matching queries: what a real person types when looking for their record, with every deviation labelled.
//
//   const people = [...generatePopulation({ size: 100_000, seed: 1 })]
//   const queries = generateQueries({ population: people, count: 10_000, seed: 7, outsiderShare: 0.2 })
//
// Each query has a `kind` (which identifiers the person was asked for) and `noise` labels (what went wrong), so a
// benchmark can report accuracy per kind and per noise. Two views of the query are given:
// - `typed`: exactly as entered, including formatting (NINO "ab 12 34 56 c", TRN "RP99/12345");
// - `query`: the MatchQuery the API hands to the matcher after its shape normalisation (types.ts: NINO upper case
//   without spaces, TRN 7 digits). Formatting noise therefore shows in `typed` only; every other noise shows in both.
//
// Query kinds and their mix (QUERY_KIND_MIX): name+DOB+NINO 35% (the Find a lost TRN journey: most people have an
// NI number to hand), name+DOB+email 25% (email is asked first), name+DOB only 15%, name+DOB+TRN 15% (employers,
// One Login users who know their number), name+DOB+NINO+TRN 10%.
//
// Noise kinds and how often they happen when they can (NOISE_RATES), chosen from what support desks see: most
// queries are clean or nearly so; omitted middle names and formatting are common; wrong digits are rare.

import type { MatchQuery } from '../../../apps/records/src/matching/types.ts'
import { dayOf, isRealDate } from './dates.ts'
import { generateOutsiders, type GeneratedPerson } from './generate.ts'
import { EmailRegistry, NinoAllocator, isLegacyTrn } from './identifiers.ts'
import { ACCENTED_FORMS, feminineSurname, namePools } from './names.ts'
import { WeightedChoice, createRandom, type Random, type Seed } from './random.ts'
import { capitalise, foldToAscii, hasNonAscii, nameKey, titleCaseName } from './text.ts'

export const QUERY_KINDS = ['name-dob-nino', 'name-dob-trn', 'name-dob-nino-trn', 'name-dob', 'name-dob-email'] as const
export type QueryKind = (typeof QUERY_KINDS)[number]

export const QUERY_KIND_MIX: Readonly<Record<QueryKind, number>> = {
  'name-dob-nino': 0.35,
  'name-dob-trn': 0.15,
  'name-dob-nino-trn': 0.1,
  'name-dob': 0.15,
  'name-dob-email': 0.25,
}

export const NOISE_KINDS = [
  'nickname', // Robert → Bob (nicknamesOf)
  'middle-name-as-first', // known by the middle name: Mohammed Imran Khan types Imran
  'first-name-typo', // one insertion, deletion, substitution (nearby key) or transposition
  'last-name-typo',
  'new-surname', // married (or divorced) since: types a surname the record does not have
  'previous-surname', // the record has the new surname; the person types the old one
  'name-case', // SMITH, smith (also: the record is in capitals and the person types normally)
  'name-accents', // Łukasz ↔ Lukasz, Zoë ↔ Zoe
  'name-punctuation', // O'Brien → OBrien / O Brien / O’Brien; Smith-Jones → Smith Jones; da Silva → DaSilva; Mc Donald
  'middle-name-missing', // record has a middle name, query none
  'dob-day-month-swap', // 1985-03-07 → 1985-07-03 (only when both are valid and differ)
  'dob-digit-typo', // one digit of the date wrong, still a real date
  'nino-digit-typo',
  'nino-digits-swapped', // two adjacent digits transposed
  'nino-missing', // asked for a NINO, gave none, though the record holds one
  'nino-not-on-record', // gave a (correct, own) NINO that the record does not hold
  'nino-format', // spaces, hyphens, lower case: typed only
  'trn-digit-typo',
  'trn-missing',
  'trn-format', // RP99/12345, 99/12345, spaces, leading zero dropped: typed only
  'email-differs', // gave an email the record does not hold (a newer address, or the record has none)
] as const
export type NoiseKind = (typeof NOISE_KINDS)[number]

/** Probability of each noise when it can apply (see comments for the condition). */
export const NOISE_RATES = {
  nickname: 0.06, // first name has a nickname
  middleNameAsFirst: 0.03, // record has a middle name (0.35 after Mohammed / Muhammad)
  firstNameTypo: 0.03,
  lastNameTypo: 0.03,
  newSurname: { female: 0.04, male: 0.004 },
  previousSurname: 0.3, // record holds a previous surname
  previousSurnamesGiven: 0.4, // not noise: a person whose record holds previous surnames lists them
  nameCase: 0.05,
  dropAccents: 0.6, // record name has accents
  addAccents: 0.1, // record name has a common accented spelling
  namePunctuation: 0.3, // a name has an apostrophe, hyphen, space or Mc
  middleNameMissing: 0.45, // record has a middle name
  dobDayMonthSwap: 0.015,
  dobDigitTypo: 0.015,
  ninoDigitTypo: 0.02,
  ninoDigitsSwapped: 0.015,
  ninoMissing: 0.08, // kind asks for a NINO and the record has one
  ninoNotOnRecord: 0.6, // kind asks for a NINO, record has none: has one now (else gives none, unlabelled)
  ninoFormat: 0.3,
  trnDigitTypo: 0.03,
  trnMissing: 0.06,
  trnFormat: 0.25,
  emailDiffers: 0.3, // record has an email (always when it has none)
} as const

/** Which query field each noise changes, relative to the record (formatting noise: `typed` against `query`). */
export const NOISE_FIELDS: Readonly<Record<NoiseKind, readonly (keyof MatchQuery)[]>> = {
  nickname: ['firstName'],
  'middle-name-as-first': ['firstName'],
  'first-name-typo': ['firstName'],
  'last-name-typo': ['lastName'],
  'new-surname': ['lastName'],
  'previous-surname': ['lastName'],
  'name-case': ['firstName', 'lastName', 'middleName'],
  'name-accents': ['firstName', 'lastName'],
  'name-punctuation': ['firstName', 'lastName'],
  'middle-name-missing': ['middleName'],
  'dob-day-month-swap': ['dateOfBirth'],
  'dob-digit-typo': ['dateOfBirth'],
  'nino-digit-typo': ['nationalInsuranceNumber'],
  'nino-digits-swapped': ['nationalInsuranceNumber'],
  'nino-missing': ['nationalInsuranceNumber'],
  'nino-not-on-record': ['nationalInsuranceNumber'],
  'nino-format': ['nationalInsuranceNumber'],
  'trn-digit-typo': ['trn'],
  'trn-missing': ['trn'],
  'trn-format': ['trn'],
  'email-differs': ['email'],
}

export type GeneratedQuery = {
  id: string
  kind: QueryKind
  /** As handed to the matcher: shape-normalised per types.ts. */
  query: MatchQuery
  /** As typed by the person, before the API's normalisation of NINO and TRN. */
  typed: MatchQuery
  noise: NoiseKind[]
  /** The TRN of the record the person is looking for; null when they are not in the records. */
  expectedTrn: string | null
  /** The query gives name, date of birth and a NINO or TRN (right or wrong). */
  hasStrongIdentifier: boolean
  /** The person the query is about (a population member, or an outsider). */
  subject: GeneratedPerson
}

export type QueryOptions = {
  population: readonly GeneratedPerson[]
  count: number
  seed: Seed
  /** Share of queries about people who are not in the records. Default 0.1. */
  outsiderShare?: number
  /** Nicknames of a normalised (lower-case ASCII) first name; plug in the matching engine's table. */
  nicknamesOf?: (name: string) => readonly string[]
  /** Override the kind mix (weights need not sum to 1). */
  kindMix?: Partial<Record<QueryKind, number>>
  /** Outsiders to use; by default they are generated (15% of them relatives of population members). */
  outsiders?: readonly GeneratedPerson[]
  /** Reference date for "not in the future, at least 16" checks on dates of birth. Default 2025-09-01. */
  referenceDate?: string
}

const DEFAULT_NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  robert: ['bob', 'rob', 'robbie', 'bobby'],
  william: ['bill', 'will', 'billy', 'liam'],
  elizabeth: ['liz', 'beth', 'lizzie', 'betty'],
  katherine: ['kate', 'kathy', 'katie'],
  catherine: ['cathy', 'kate', 'cath'],
  margaret: ['maggie', 'peggy', 'meg'],
  james: ['jim', 'jimmy', 'jamie'],
  michael: ['mike', 'mick', 'mikey'],
  christopher: ['chris', 'kit'],
  thomas: ['tom', 'tommy'],
  richard: ['rich', 'rick', 'richie', 'dick'],
  daniel: ['dan', 'danny'],
  matthew: ['matt'],
  jennifer: ['jen', 'jenny'],
  rebecca: ['becky', 'becca'],
  samantha: ['sam', 'sammy'],
  alexander: ['alex', 'sandy'],
  nicholas: ['nick', 'nicky'],
  benjamin: ['ben', 'benny'],
  jonathan: ['jon', 'jonny'],
  stephen: ['steve', 'steph'],
  steven: ['steve'],
  andrew: ['andy', 'drew'],
  anthony: ['tony', 'ant'],
  victoria: ['vicky', 'tori'],
  deborah: ['debbie', 'debs'],
  susan: ['sue', 'susie'],
  joseph: ['joe', 'joey'],
  edward: ['ed', 'eddie', 'ted'],
  abigail: ['abi', 'abby'],
  charlotte: ['charlie', 'lottie'],
  alexandra: ['alex', 'lexi'],
  samuel: ['sam', 'sammy'],
  joshua: ['josh'],
  nathan: ['nate'],
  jacqueline: ['jackie', 'jacqui'],
  patricia: ['pat', 'trish'],
  philip: ['phil'],
  timothy: ['tim'],
  gareth: ['gaz'],
  mohammed: ['mo'],
  muhammad: ['mo'],
}

/** The small default nickname table (for tests and when no engine table is given). */
export function defaultNicknamesOf(name: string): readonly string[] {
  return DEFAULT_NICKNAMES[name] ?? []
}

// ---------------------------------------------------------------------------------------------------------------
// Shape normalisation, as the API does before calling the matcher

export function normaliseNino(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

/** Non-digits removed; 5 or 6 digits left-padded (spreadsheets drop leading zeros); anything else is not a TRN. */
export function normaliseTrn(typed: string): string | undefined {
  const digits = typed.replace(/\D/g, '')
  if (digits.length >= 5 && digits.length <= 7) return digits.padStart(7, '0')
  return undefined
}

export function normaliseTypedQuery(typed: MatchQuery): MatchQuery {
  const query: MatchQuery = { ...typed }
  if (typed.nationalInsuranceNumber !== undefined) query.nationalInsuranceNumber = normaliseNino(typed.nationalInsuranceNumber)
  if (typed.trn !== undefined) {
    const trn = normaliseTrn(typed.trn)
    if (trn === undefined) delete query.trn
    else query.trn = trn
  }
  if (typed.email !== undefined) query.email = typed.email.trim()
  return query
}

// ---------------------------------------------------------------------------------------------------------------
// Typos

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm']
const NEARBY_KEYS: Record<string, string> = {}
for (let row = 0; row < KEYBOARD_ROWS.length; row++) {
  const keys = KEYBOARD_ROWS[row] as string
  for (let column = 0; column < keys.length; column++) {
    let near = (keys[column - 1] ?? '') + (keys[column + 1] ?? '')
    near += (KEYBOARD_ROWS[row - 1]?.[column] ?? '') + (KEYBOARD_ROWS[row - 1]?.[column + 1] ?? '')
    near += (KEYBOARD_ROWS[row + 1]?.[column] ?? '') + (KEYBOARD_ROWS[row + 1]?.[column - 1] ?? '')
    NEARBY_KEYS[keys[column] as string] = near
  }
}

function matchCase(letter: string, like: string): string {
  return like === like.toUpperCase() && like !== like.toLowerCase() ? letter.toUpperCase() : letter
}

/** One keyboard slip: insertion, deletion, substitution by a nearby key, or transposition. Never returns the input. */
export function typo(name: string, random: Random): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    // Slips on the first letter are rare; people check the start of their name.
    const position = name.length > 2 && random.chance(0.92) ? 1 + random.int(name.length - 1) : random.int(name.length)
    const current = name[position] as string
    const lower = current.toLowerCase()
    const operation = random.int(4)
    let result = name
    if (operation === 0) {
      const near = NEARBY_KEYS[lower]
      const inserted = near && random.chance(0.5) ? random.pick([...near]) : lower // fat finger or double letter
      result = name.slice(0, position + 1) + matchCase(inserted, current === lower ? 'a' : current) + name.slice(position + 1)
    } else if (operation === 1 && name.length > 3) {
      result = name.slice(0, position) + name.slice(position + 1)
    } else if (operation === 2) {
      const near = NEARBY_KEYS[lower]
      if (near) result = name.slice(0, position) + matchCase(random.pick([...near]), current) + name.slice(position + 1)
    } else if (operation === 3 && position + 1 < name.length) {
      result = name.slice(0, position) + (name[position + 1] as string) + current + name.slice(position + 2)
    }
    if (result !== name && result.length >= 2) return result
  }
  return `${name}${name.slice(-1)}`
}

function nearbyDigit(digit: string, random: Random): string {
  const value = Number(digit)
  if (random.chance(0.7)) {
    const options = [value - 1, value + 1].filter((candidate) => candidate >= 0 && candidate <= 9)
    return String(random.pick(options))
  }
  let other = random.int(9)
  if (other >= value) other++
  return String(other)
}

/** One digit (at one of `positions`) replaced by another. */
function digitTypo(text: string, positions: readonly number[], random: Random): string {
  const position = random.pick(positions)
  return text.slice(0, position) + nearbyDigit(text[position] as string, random) + text.slice(position + 1)
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting variants

function punctuationVariants(name: string): string[] {
  const variants = new Set<string>()
  if (/['’]/.test(name)) {
    variants.add(name.replace(/['’]/g, ''))
    variants.add(name.replace(/['’]/g, ' '))
    variants.add(name.replace(/'/g, '’'))
  }
  if (name.includes('-')) {
    variants.add(name.replace(/-/g, ' '))
    variants.add(name.replace(/-/g, ''))
  }
  if (name.includes(' ')) {
    variants.add(name.replace(/ /g, ''))
    variants.add(capitalise(name.replace(/ /g, '-')))
  }
  if (/^Mc[A-Z]/.test(name)) {
    variants.add(`Mc ${name.slice(2)}`)
    variants.add(`Mc${name.slice(2).toLowerCase()}`)
  }
  if (/^Mac[A-Z]/.test(name)) variants.add(`Mac${name.slice(3).toLowerCase()}`)
  variants.delete(name)
  return [...variants]
}

function accentVariant(name: string): string | null {
  if (hasNonAscii(name)) {
    const folded = foldToAscii(name)
    return folded !== name ? folded : null
  }
  const accented = ACCENTED_FORMS[nameKey(name)]
  return accented !== undefined && accented !== name ? accented : null
}

function ninoFormat(nino: string, random: Random): string {
  const spaced = `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`
  const variants = [
    spaced,
    nino.toLowerCase(),
    spaced.toLowerCase(),
    `${nino.slice(0, 2)}-${nino.slice(2, 4)}-${nino.slice(4, 6)}-${nino.slice(6, 8)}-${nino.slice(8)}`,
    `${nino.slice(0, 8)} ${nino.slice(8)}`,
    ` ${nino} `,
  ]
  return random.pick(variants)
}

function trnFormat(trn: string, random: Random): string {
  const variants = [`${trn.slice(0, 3)} ${trn.slice(3)}`, ` ${trn}`, `TRN ${trn}`]
  if (isLegacyTrn(trn)) variants.push(`RP${trn.slice(0, 2)}/${trn.slice(2)}`, `${trn.slice(0, 2)}/${trn.slice(2)}`, `RP ${trn.slice(0, 2)} ${trn.slice(2)}`)
  const unpadded = trn.replace(/^0+/, '')
  if (unpadded.length >= 5 && unpadded !== trn) variants.push(unpadded, unpadded) // a spreadsheet dropped the zeros
  return random.pick(variants)
}

// ---------------------------------------------------------------------------------------------------------------
// Dates of birth

function swapDayAndMonth(dateOfBirth: string): string | null {
  const [year, month, day] = dateOfBirth.split('-') as [string, string, string]
  if (month === day || !isRealDate(Number(year), Number(day), Number(month))) return null
  return `${year}-${day}-${month}`
}

function dobDigitTypo(dateOfBirth: string, random: Random, referenceDay: number): string | null {
  // Positions in YYYY-MM-DD; the year's last two digits and the day are where slips usually happen.
  const positions = [2, 3, 3, 3, 5, 6, 6, 8, 9, 9]
  for (let attempt = 0; attempt < 30; attempt++) {
    const candidate = digitTypo(dateOfBirth, positions, random)
    const [year, month, day] = candidate.split('-').map(Number) as [number, number, number]
    if (candidate === dateOfBirth || !isRealDate(year, month, day)) continue
    const candidateDay = dayOf(candidate)
    if (candidateDay > referenceDay - 16 * 365) continue // forms reject people younger than 16 and future dates
    return candidate
  }
  return null
}

// ---------------------------------------------------------------------------------------------------------------

const MUHAMMAD = new Set(['mohammed', 'muhammad', 'mohammad', 'mohamed'])
const TITLES = new Set(['kaur', 'singh']) // Sikh middle names nobody is called by

class QueryMaker {
  private readonly random: Random
  private readonly nicknamesOf: (name: string) => readonly string[]
  private readonly kinds: WeightedChoice<QueryKind>
  private readonly referenceDay: number
  private readonly freshNinos: NinoAllocator
  private readonly freshEmails: EmailRegistry

  constructor(options: QueryOptions, random: Random) {
    this.random = random
    this.nicknamesOf = options.nicknamesOf ?? defaultNicknamesOf
    const mix = { ...QUERY_KIND_MIX, ...options.kindMix }
    this.kinds = new WeightedChoice(QUERY_KINDS.map((kind) => [kind, mix[kind]] as const))
    this.referenceDay = dayOf(options.referenceDate ?? '2025-09-01')
    // Fresh values must never be anybody's on record: both come from the identifier space kept for queries.
    this.freshNinos = new NinoAllocator('query', createRandom(options.seed, 'fresh-ninos').int(1_000_000))
    this.freshEmails = new EmailRegistry('query', random.fork('fresh-emails'))
  }

  make(id: string, subject: GeneratedPerson): GeneratedQuery {
    const random = this.random
    const rates = NOISE_RATES
    const kind = this.kinds.sample(random)
    const noise: NoiseKind[] = []
    const record = subject

    // Names as the person writes them: a record kept in capitals is typed in ordinary case.
    const proper = (text: string): string => (record.upperCaseRecord ? titleCaseName(text) : text)
    let firstName = proper(record.firstName)
    let middleName: string | undefined = record.middleName === '' ? undefined : proper(record.middleName)
    let lastName = proper(record.lastName)
    let previousLastNames: string[] | undefined
    if (record.upperCaseRecord) noise.push('name-case')

    // Surname: old one typed, new one the record does not know, or the record's with previous names listed.
    const recordPrevious = record.previousLastNames.map(proper)
    if (recordPrevious.length > 0 && random.chance(rates.previousSurname)) {
      lastName = random.pick(recordPrevious)
      if (random.chance(0.3)) previousLastNames = [proper(record.lastName)] // current and old swapped round
      noise.push('previous-surname')
    } else if (random.chance(rates.newSurname[record.sex])) {
      const pool = namePools().surname[record.nameOrigin].male
      let fresh = lastName
      for (let attempt = 0; attempt < 10 && nameKey(fresh) === nameKey(lastName); attempt++) {
        fresh = record.sex === 'female' ? feminineSurname(pool.sample(random).display, record.nameOrigin) : pool.sample(random).display
      }
      if (nameKey(fresh) !== nameKey(lastName)) {
        if (random.chance(0.5)) previousLastNames = [lastName]
        lastName = fresh
        noise.push('new-surname')
      }
    } else if (recordPrevious.length > 0 && random.chance(rates.previousSurnamesGiven)) {
      previousLastNames = recordPrevious
    }

    // First and middle names.
    const firstKey = nameKey(firstName)
    const middleNames = middleName?.split(' ') ?? []
    const asFirstRate = MUHAMMAD.has(firstKey) ? 0.35 : rates.middleNameAsFirst
    let middleHandled = false
    const calledBy = middleNames[0]
    if (calledBy !== undefined && !TITLES.has(nameKey(calledBy)) && nameKey(calledBy) !== firstKey && random.chance(asFirstRate)) {
      const original = firstName
      firstName = calledBy
      middleName = random.chance(0.3) ? original : undefined
      middleHandled = true
      noise.push('middle-name-as-first')
    } else if (random.chance(rates.nickname)) {
      const nicknames = this.nicknamesOf(firstKey).filter((nickname) => nameKey(nickname) !== firstKey)
      if (nicknames.length > 0) {
        firstName = capitalise(random.pick(nicknames).toLowerCase())
        noise.push('nickname')
      }
    }
    if (!middleHandled && middleName !== undefined && random.chance(rates.middleNameMissing)) {
      middleName = undefined
      noise.push('middle-name-missing')
    }

    if (random.chance(rates.firstNameTypo)) {
      firstName = typo(firstName, random)
      noise.push('first-name-typo')
    }
    if (random.chance(rates.lastNameTypo)) {
      lastName = typo(lastName, random)
      noise.push('last-name-typo')
    }

    // Formatting of names.
    if (!record.upperCaseRecord && random.chance(rates.nameCase)) {
      const style = random.int(3)
      const apply = (text: string): string => (random.chance(0.5) ? text.toUpperCase() : text.toLowerCase())
      const newFirst = style !== 1 ? apply(firstName) : firstName
      const newLast = style !== 0 ? apply(lastName) : lastName
      if (newFirst !== firstName || newLast !== lastName) {
        firstName = newFirst
        lastName = newLast
        noise.push('name-case')
      }
    }
    for (const field of ['first', 'last'] as const) {
      const current = field === 'first' ? firstName : lastName
      const variant = accentVariant(current)
      if (variant === null) continue
      if (random.chance(hasNonAscii(current) ? rates.dropAccents : rates.addAccents)) {
        if (field === 'first') firstName = variant
        else lastName = variant
        if (!noise.includes('name-accents')) noise.push('name-accents')
      }
    }
    const punctuable = [
      ...punctuationVariants(lastName).map((variant) => ['last', variant] as const),
      ...punctuationVariants(firstName).map((variant) => ['first', variant] as const),
    ]
    if (punctuable.length > 0 && random.chance(rates.namePunctuation)) {
      const [field, variant] = random.pick(punctuable)
      if (field === 'first') firstName = variant
      else lastName = variant
      noise.push('name-punctuation')
    }

    // Date of birth.
    let dateOfBirth = record.dateOfBirth
    const swapped = swapDayAndMonth(dateOfBirth)
    if (swapped !== null && random.chance(rates.dobDayMonthSwap)) {
      dateOfBirth = swapped
      noise.push('dob-day-month-swap')
    } else if (random.chance(rates.dobDigitTypo)) {
      const mistyped = dobDigitTypo(dateOfBirth, random, this.referenceDay)
      if (mistyped !== null) {
        dateOfBirth = mistyped
        noise.push('dob-digit-typo')
      }
    }

    const typed: MatchQuery = { firstName, lastName, dateOfBirth }
    if (middleName !== undefined) typed.middleName = middleName
    if (previousLastNames !== undefined) typed.previousLastNames = previousLastNames

    if (kind === 'name-dob-nino' || kind === 'name-dob-nino-trn') this.nino(record, typed, noise)
    if (kind === 'name-dob-trn' || kind === 'name-dob-nino-trn') this.trn(record, typed, noise)
    if (kind === 'name-dob-email') this.email(record, typed, noise, firstName, lastName)

    const query = normaliseTypedQuery(typed)
    return {
      id,
      kind,
      query,
      typed,
      noise,
      expectedTrn: record.inRecords ? record.trn : null,
      hasStrongIdentifier: query.firstName !== '' && query.lastName !== '' && (query.nationalInsuranceNumber !== undefined || query.trn !== undefined),
      subject: record,
    }
  }

  private nino(record: GeneratedPerson, typed: MatchQuery, noise: NoiseKind[]): void {
    const random = this.random
    const rates = NOISE_RATES
    let nino: string
    if (record.nationalInsuranceNumber === null) {
      if (!random.chance(rates.ninoNotOnRecord)) return // has none, gives none: consistent with the record, no noise
      nino = this.freshNinos.allocate()
      noise.push('nino-not-on-record')
    } else {
      if (random.chance(rates.ninoMissing)) {
        noise.push('nino-missing')
        return
      }
      nino = record.nationalInsuranceNumber
      const roll = random.next()
      if (roll < rates.ninoDigitTypo) {
        nino = digitTypo(nino, [2, 3, 4, 5, 6, 7], random)
        noise.push('nino-digit-typo')
      } else if (roll < rates.ninoDigitTypo + rates.ninoDigitsSwapped) {
        const pairs = [2, 3, 4, 5, 6].filter((position) => nino[position] !== nino[position + 1])
        if (pairs.length > 0) {
          const position = random.pick(pairs)
          nino = nino.slice(0, position) + (nino[position + 1] as string) + (nino[position] as string) + nino.slice(position + 2)
          noise.push('nino-digits-swapped')
        }
      }
    }
    if (random.chance(rates.ninoFormat)) {
      nino = ninoFormat(nino, random)
      noise.push('nino-format')
    }
    typed.nationalInsuranceNumber = nino
  }

  private trn(record: GeneratedPerson, typed: MatchQuery, noise: NoiseKind[]): void {
    const random = this.random
    const rates = NOISE_RATES
    if (random.chance(rates.trnMissing)) {
      noise.push('trn-missing')
      return
    }
    let trn = record.trn
    if (random.chance(rates.trnDigitTypo)) {
      trn = digitTypo(trn, [0, 1, 2, 3, 4, 5, 6], random)
      noise.push('trn-digit-typo')
    }
    if (random.chance(rates.trnFormat)) {
      trn = trnFormat(trn, random)
      noise.push('trn-format')
    }
    typed.trn = trn
  }

  private email(record: GeneratedPerson, typed: MatchQuery, noise: NoiseKind[], firstName: string, lastName: string): void {
    const random = this.random
    if (record.email !== null && !random.chance(NOISE_RATES.emailDiffers)) {
      typed.email = record.email
      return
    }
    const first = foldToAscii(firstName).toLowerCase().replace(/[^a-z]/g, '') || 'me'
    const last = foldToAscii(lastName).toLowerCase().replace(/[^a-z]/g, '') || 'mail'
    const domain = random.pick(['gmail.com', 'outlook.com', 'icloud.com', 'hotmail.co.uk', 'yahoo.co.uk'])
    const local = random.pick([`${first}.${last}`, `${first}${last}`, `${first[0]}${last}`, `${first}.${last}.${random.between(1, 99)}`])
    typed.email = this.freshEmails.claim(local, domain, Number(record.dateOfBirth.slice(0, 4)))
    noise.push('email-differs')
  }
}

/** Queries about random population members (with replacement) and, for `outsiderShare` of them, about outsiders. */
export function generateQueries(options: QueryOptions): GeneratedQuery[] {
  const { population, count } = options
  if (population.length === 0 && (options.outsiderShare ?? 0.1) < 1) throw new Error('generateQueries needs a population')
  const random = createRandom(options.seed, 'queries')
  const outsiderCount = Math.round(count * (options.outsiderShare ?? 0.1))
  const outsiders =
    options.outsiders ??
    (outsiderCount > 0 ? [...generateOutsiders({ size: outsiderCount, seed: options.seed, population, referenceDate: options.referenceDate })] : [])
  if (outsiderCount > 0 && outsiders.length === 0) throw new Error('outsiderShare > 0 needs outsiders')

  // Exactly `outsiderCount` outsider queries, at random positions.
  const isOutsider = Array.from({ length: count }, (_unused, index) => index < outsiderCount)
  for (let index = count - 1; index > 0; index--) {
    const other = random.int(index + 1)
    ;[isOutsider[index], isOutsider[other]] = [isOutsider[other] as boolean, isOutsider[index] as boolean]
  }

  const maker = new QueryMaker(options, random)
  const width = String(count).length
  const queries: GeneratedQuery[] = []
  let nextOutsider = 0
  for (let index = 0; index < count; index++) {
    const subject = isOutsider[index]
      ? (outsiders[nextOutsider++ % outsiders.length] as GeneratedPerson)
      : (population[random.int(population.length)] as GeneratedPerson)
    queries.push(maker.make(`q${String(index + 1).padStart(width, '0')}`, subject))
  }
  return queries
}
