// Dates of birth as YYYY-MM-DD strings: the mistakes people make typing them.
import { keystrokeSlip } from './distance.ts'

export type DateOfBirthLevel = 'exact' | 'swapped' | 'one_digit' | 'transposed' | 'different' | 'missing'

/** The date read the other way round (day as month, month as day), or null when that is no different valid date. */
export function dayMonthSwap(date: string): string | null {
  const [year, month, day] = date.split('-')
  if (year === undefined || month === undefined || day === undefined) return null
  // The old month (1–12) always fits as a day; the old day fits as a month only up to 12.
  if (day === month || Number(day) < 1 || Number(day) > 12) return null
  return `${year}-${day}-${month}`
}

/** Compare the date someone gave with the one on a record (null when the record has none).
 * `statedSwapped` is `dayMonthSwap(stated)`, passed in when comparing one date with many. */
export function compareDatesOfBirth(
  stated: string,
  held: string | null,
  statedSwapped: string | null = dayMonthSwap(stated),
): DateOfBirthLevel {
  if (held === null || held === '') return 'missing'
  if (stated === held) return 'exact'
  if (statedSwapped === held) return 'swapped'
  // Neighbouring digits either side of a hyphen ("1985-06-21": 5 and 0) are neighbours when typed too.
  const slip = keystrokeSlip(stated, held, '-')
  if (slip.kind === 'one_character') return 'one_digit'
  return slip.kind === 'neighbours_swapped' ? 'transposed' : 'different'
}

/** A date of birth close enough to be a slip of the keyboard. */
export function isCloseDateOfBirth(level: DateOfBirthLevel): boolean {
  return level === 'swapped' || level === 'one_digit' || level === 'transposed'
}
