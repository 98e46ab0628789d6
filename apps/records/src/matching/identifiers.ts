// National Insurance numbers and teacher reference numbers (TRNs): normalisation, validation, typo comparison.
import { keystrokeSlip } from './distance.ts'

const SPACES_AND_HYPHENS = /[\s\-‐‑‒–—―]/gu

// Prefix letters D, F, I, U and V never appear, nor O second; QQ is allowed because Teachers' Pensions data uses it,
// and so are the F, M and U suffixes.
const NATIONAL_INSURANCE_NUMBER = /^[A-CEGHJ-TW-Z][A-CEGHJ-NP-TW-Z][0-9]{6}[A-DFMU]$/
const REJECTED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])
const TEMPORARY_REFERENCE = /^[0-9]{2}[A-Z][0-9]{5}$/
const TRN = /^[0-9]{7}$/

/** "ab 12 34 56 c" → "AB123456C": spaces and hyphens removed, upper case. */
export function normaliseNationalInsuranceNumber(raw: string): string {
  return raw.replace(SPACES_AND_HYPHENS, '').toUpperCase()
}

/** A real NI number (allowed prefix, six digits, suffix A–D, F, M or U) or a temporary reference such as 12A34567.
 * Accepts raw input: it is normalised first. */
export function isValidNationalInsuranceNumber(nino: string): boolean {
  const normalised = normaliseNationalInsuranceNumber(nino)
  if (TEMPORARY_REFERENCE.test(normalised)) return true
  return NATIONAL_INSURANCE_NUMBER.test(normalised) && !REJECTED_PREFIXES.has(normalised.slice(0, 2))
}

/** "123 45-67" → "1234567": spaces and hyphens removed, nothing else; a dropped leading zero is not put back. */
export function normaliseTrn(raw: string): string {
  return raw.replace(SPACES_AND_HYPHENS, '')
}

/** Exactly seven digits after normalisation; leading zeros count ("0012345" is valid, "12345" is not). */
export function isValidTrn(trn: string): boolean {
  return TRN.test(normaliseTrn(trn))
}

/** How a stated reference number compares with the one on a record. */
export type ReferenceNumberLevel = 'exact' | 'one_digit' | 'one_letter' | 'transposed' | 'different'

/** Exact, one character mistyped (digit or letter), two neighbouring characters swapped, or different. */
export function compareReferenceNumbers(stated: string, held: string): ReferenceNumberLevel {
  const slip = keystrokeSlip(stated, held)
  switch (slip.kind) {
    case 'same':
      return 'exact'
    case 'one_character':
      return isDigit(stated[slip.at] ?? '') && isDigit(held[slip.at] ?? '') ? 'one_digit' : 'one_letter'
    case 'neighbours_swapped':
      return 'transposed'
    case 'different':
      return 'different'
  }
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9'
}
