// Comparing given names and surnames once they are normalised.
import { isTypo } from './distance.ts'
import { areNicknames } from './nicknames.ts'
import { nameTokens } from './normalise.ts'

/** One way of reading someone's first name, and how many leading given-name tokens it uses up. */
type FirstNameForm = { text: string; used: number }

/** A person's given names in order (first-name tokens, then middle-name tokens). */
export type GivenNames = {
  tokens: readonly string[]
  forms: readonly FirstNameForm[]
}

/** A surname run together ("smithjones") and its meaningful parts (["smith", "jones"]). */
export type Surname = { compact: string; parts: readonly string[] }

export type GivenNameLevel = 'exact' | 'nickname' | 'typo' | 'middle' | 'initial' | 'different'
export type MiddleNameLevel = 'agrees' | 'typo' | 'initial' | 'missing' | 'different'
export type LastNameLevel = 'exact' | 'previous' | 'stated_previous' | 'part' | 'typo' | 'different'

// Particles never count as a shared part on their own: "de Souza" and "de Silva" do not share a surname.
const SURNAME_PARTICLES = new Set([
  'ab', 'abu', 'al', 'ap', 'bin', 'binti', 'bint', 'da', 'das', 'de', 'del', 'della', 'den', 'der', 'des', 'di', 'do',
  'dos', 'du', 'el', 'ibn', 'la', 'las', 'le', 'les', 'lo', 'los', 'mac', 'mc', 'san', 'santa', 'st', 'te', 'ten',
  'ter', 'van', 'von',
])

export function prepareGivenNames(firstName: string | null | undefined, middleName?: string | null): GivenNames {
  const firstTokens = nameTokens(firstName)
  const tokens = [...firstTokens, ...nameTokens(middleName)]
  const forms: FirstNameForm[] = []
  const addForm = (text: string, used: number) => {
    if (text !== '' && !forms.some((form) => form.text === text)) forms.push({ text, used })
  }
  // "Mary Anne" may be written "Maryanne", or as first name Mary and middle name Anne.
  addForm(tokens[0] ?? '', 1)
  if (firstTokens.length >= 2) addForm(firstTokens.join(''), firstTokens.length)
  if (tokens.length >= 2) addForm(tokens[0]! + tokens[1]!, 2)
  return { tokens, forms }
}

export function prepareSurname(raw: string | null | undefined): Surname {
  const tokens = nameTokens(raw)
  const meaningful = tokens.filter((token) => token.length >= 2 && !SURNAME_PARTICLES.has(token))
  // A surname made only of particles ("Le", "Da") is a surname in its own right.
  return { compact: tokens.join(''), parts: meaningful.length > 0 ? meaningful : tokens }
}

export type GivenNameComparison = { level: GivenNameLevel; middle: MiddleNameLevel }

const GIVEN_LEVEL_RANK: Readonly<Record<GivenNameLevel, number>> = {
  exact: 0, nickname: 1, typo: 2, middle: 3, initial: 4, different: 5,
}

/** How a stated first (and middle) name compares with one version of a record's given names. */
export function compareGivenNames(stated: GivenNames, held: GivenNames): GivenNameComparison {
  const statedLead = stated.tokens[0]
  const heldLead = held.tokens[0]
  if (statedLead === undefined || heldLead === undefined) return { level: 'different', middle: 'missing' }

  // Every pairing of the two sides' readings of the first name; the best level wins, then the best middle name.
  let best: GivenNameComparison | null = null
  for (const statedForm of stated.forms) {
    for (const heldForm of held.forms) {
      const level = formLevel(statedForm, heldForm)
      if (level === null || (best !== null && GIVEN_LEVEL_RANK[level] > GIVEN_LEVEL_RANK[best.level])) continue
      const middle = compareMiddleNames(stated.tokens.slice(statedForm.used), held.tokens.slice(heldForm.used))
      if (best === null || GIVEN_LEVEL_RANK[level] < GIVEN_LEVEL_RANK[best.level] || MIDDLE_LEVEL_RANK[middle] < MIDDLE_LEVEL_RANK[best.middle]) {
        best = { level, middle }
      }
    }
  }
  if (best !== null) return best

  // Known by a middle name: one side's first name is the other side's second (or later) given name.
  const heldIndex = indexOfGivenName(held.tokens, statedLead)
  if (heldIndex > 0) {
    return { level: 'middle', middle: compareMiddleNames(stated.tokens.slice(1), withoutIndex(held.tokens, heldIndex)) }
  }
  const statedIndex = indexOfGivenName(stated.tokens, heldLead)
  if (statedIndex > 0) {
    return { level: 'middle', middle: compareMiddleNames(withoutIndex(stated.tokens, statedIndex), held.tokens.slice(1)) }
  }

  const middle = compareMiddleNames(stated.tokens.slice(1), held.tokens.slice(1))
  if (isInitialOf(statedLead, heldLead)) return { level: 'initial', middle }
  return { level: 'different', middle }
}

function formLevel(stated: FirstNameForm, held: FirstNameForm): 'exact' | 'nickname' | 'typo' | null {
  if (stated.text === held.text) return 'exact'
  if (areNicknames(stated.text, held.text)) return 'nickname'
  // A typo is looked for between readings of the same number of names: "Sarha" against "Sarah", not "Sarahlouise".
  if (stated.used === held.used && isTypo(stated.text, held.text)) return 'typo'
  return null
}

/** The better of two comparisons; the first wins a tie. */
export function betterGivenNameComparison(a: GivenNameComparison, b: GivenNameComparison): GivenNameComparison {
  return GIVEN_LEVEL_RANK[b.level] < GIVEN_LEVEL_RANK[a.level] ? b : a
}

const MIDDLE_LEVEL_RANK: Readonly<Record<MiddleNameLevel, number>> = {
  agrees: 0, typo: 1, initial: 2, missing: 3, different: 4,
}

/** Compare the given names left over once the first name has been accounted for. */
export function compareMiddleNames(stated: readonly string[], held: readonly string[]): MiddleNameLevel {
  if (stated.length === 0 || held.length === 0) return 'missing'
  if (stated.join('') === held.join('')) return 'agrees'
  let level: MiddleNameLevel = 'different'
  for (const a of stated) {
    for (const b of held) {
      if (a === b || areNicknames(a, b)) return 'agrees'
      if (isTypo(a, b)) level = 'typo'
      else if (level === 'different' && (isInitialOf(a, b) || isInitialOf(b, a))) level = 'initial'
    }
  }
  return level
}

function indexOfGivenName(tokens: readonly string[], name: string): number {
  return tokens.findIndex((token, index) => index > 0 && (token === name || areNicknames(token, name)))
}

function withoutIndex(tokens: readonly string[], index: number): string[] {
  return tokens.filter((_, i) => i !== index)
}

/** "j" is an initial of "james" (either way round); two full names are not initials of each other. */
function isInitialOf(a: string, b: string): boolean {
  if (a.length === 1) return b.startsWith(a)
  if (b.length === 1) return a.startsWith(b)
  return false
}

/** How stated surnames (current and previous) compare with a record's (current and previous). */
export function compareSurnames(
  stated: Surname,
  statedPrevious: readonly Surname[],
  held: Surname,
  heldPrevious: readonly Surname[],
): LastNameLevel {
  if (stated.compact === '') return 'different'
  if (stated.compact === held.compact) return 'exact'
  for (const name of heldPrevious) if (name.compact === stated.compact) return 'previous'
  for (const name of statedPrevious) {
    if (name.compact === held.compact) return 'stated_previous'
    for (const heldName of heldPrevious) if (name.compact === heldName.compact) return 'stated_previous'
  }
  let level: LastNameLevel = 'different'
  for (let s = -1; s < statedPrevious.length; s++) {
    const statedName = s === -1 ? stated : statedPrevious[s]!
    for (let h = -1; h < heldPrevious.length; h++) {
      const heldName = h === -1 ? held : heldPrevious[h]!
      if (heldName.compact === '') continue
      if (sharesPart(statedName, heldName)) return 'part'
      if (level === 'different' && isTypo(statedName.compact, heldName.compact)) level = 'typo'
    }
  }
  return level
}

function sharesPart(a: Surname, b: Surname): boolean {
  for (const part of a.parts) if (b.parts.includes(part)) return true
  return false
}
