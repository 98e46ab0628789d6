import { isRealDate } from '../../../../../packages/kit/src/calendar.ts'

export type DatePart = 'day' | 'month' | 'year'
export type DateOfBirthInput = Partial<Record<DatePart, unknown>>
export type DateOfBirthResult = { ok: true; date: string } | { ok: false; message: string; parts: DatePart[] }

const EARLIEST = '1900-01-01'
const YOUNGEST_AGE = 16
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const ALL: DatePart[] = ['day', 'month', 'year']

/** GOV.UK's date pattern accepts month names ("Dec", "december") as well as numbers. */
function monthNumber(text: string): string {
  const typed = text.toLowerCase().replace(/\.$/, '')
  const index = typed.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(typed)) : -1
  return index >= 0 ? String(index + 1) : text
}

function listParts(parts: DatePart[]): string {
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) as string}`
}

/**
 * Reads the three boxes of a GOV.UK date input, with GOV.UK's error messages. `today` is England's date (YYYY-MM-DD).
 * A real date, in the past, from 1900, and at least 16 years ago: nobody younger has a teaching record.
 */
export function readDateOfBirth(input: DateOfBirthInput, today: string): DateOfBirthResult {
  const text = Object.fromEntries(ALL.map((part) => [part, typeof input[part] === 'string' ? input[part].trim() : ''])) as Record<DatePart, string>
  const missing = ALL.filter((part) => text[part] === '')
  if (missing.length === 3) return { ok: false, message: 'Enter your date of birth', parts: ALL }
  if (missing.length > 0) return { ok: false, message: `Date of birth must include a ${listParts(missing)}`, parts: missing }

  const month = monthNumber(text.month)
  const notNumbers = ALL.filter((part) => !/^\d+$/.test(part === 'month' ? month : text[part]))
  if (notNumbers.length > 0) return { ok: false, message: 'Date of birth must be a real date', parts: notNumbers }
  if (text.year.length !== 4) return { ok: false, message: 'Year must include 4 numbers', parts: ['year'] }

  const date = `${text.year}-${month.padStart(2, '0')}-${text.day.padStart(2, '0')}`
  if (month.length > 2 || text.day.length > 2 || !isRealDate(date)) return { ok: false, message: 'Date of birth must be a real date', parts: ALL }
  if (date >= today) return { ok: false, message: 'Date of birth must be in the past', parts: ALL }
  if (date < EARLIEST) return { ok: false, message: 'Date of birth must be the same as or after 1 January 1900', parts: ALL }
  const latest = `${Number(today.slice(0, 4)) - YOUNGEST_AGE}${today.slice(4)}`
  if (date > latest) return { ok: false, message: `Date of birth must be at least ${YOUNGEST_AGE} years ago`, parts: ALL }
  return { ok: true, date }
}
