// Small text helpers shared by the population and query generators.

import { foldToAscii } from '../../../apps/records/src/matching/normalise.ts'

const NON_ASCII = /[^\p{ASCII}]/u

/** Accented and special Latin letters as plain ASCII (Łukasz → Lukasz, Zoë → Zoe), exactly as the matcher folds them. */
export { foldToAscii }

export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text)
}

/** The normalised key used by the name-frequency tables: lower-case ASCII letters only (O'Brien → obrien). */
export function nameKey(text: string): string {
  return foldToAscii(text)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** Upper-case the first letter and the letter after an apostrophe, hyphen or space; the rest is left alone. */
export function capitalise(text: string): string {
  return text.replace(/(^|['’\- ])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase())
}

/** Title case for names that were stored in capitals: "O'BRIEN-SMITH" → "O'Brien-Smith", "MCDONALD" → "McDonald". */
export function titleCaseName(text: string): string {
  const lower = capitalise(text.toLowerCase())
  return lower.replace(/(^|[- ])Mc(\p{Ll})/gu, (_match, before: string, letter: string) => `${before}Mc${letter.toUpperCase()}`)
}

const TWO_DIGITS = Array.from({ length: 100 }, (_unused, index) => String(index).padStart(2, '0'))

/** Zero-padded decimal digits of a non-negative integer (hot path: 6 and 7 digits for NINOs and TRNs). */
export function padNumber(value: number, width: number): string {
  if (width === 7 && value >= 0 && value < 10_000_000) {
    const high = Math.floor(value / 1_000_000)
    const rest = value - high * 1_000_000
    return String.fromCharCode(48 + high) + padNumber(rest, 6)
  }
  if (width === 6 && value >= 0 && value < 1_000_000) {
    const a = Math.floor(value / 10_000)
    const b = Math.floor(value / 100) % 100
    return (TWO_DIGITS[a] as string) + (TWO_DIGITS[b] as string) + (TWO_DIGITS[value % 100] as string)
  }
  if (width === 2 && value >= 0 && value < 100) return TWO_DIGITS[value] as string
  return String(value).padStart(width, '0')
}
