// "When did you become a SENCO?": a month and a year, in the past, from 1960.

export type MonthYearResult = { ok: true; value: string } | { ok: false; message: string; part: 'month' | 'year' }

export const EARLIEST_YEAR = 1960

/** Checks a typed month and year against today (YYYY-MM-DD, in England); the value is YYYY-MM. */
export function checkSencoStartDate(input: { month?: string; year?: string }, today: string): MonthYearResult {
  const month = (input.month ?? '').trim()
  const year = (input.year ?? '').trim()
  if (!month && !year) return { ok: false, message: 'Enter the date you became a SENCO', part: 'month' }
  if (!month) return { ok: false, message: 'The date you became a SENCO must include a month', part: 'month' }
  if (!year) return { ok: false, message: 'The date you became a SENCO must include a year', part: 'year' }
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, message: 'The date you became a SENCO must be a real date', part: 'month' }
  if (!/^\d{4}$/.test(year)) return { ok: false, message: 'Year must include 4 numbers', part: 'year' }
  const value = `${year}-${month.padStart(2, '0')}`
  if (Number(year) < EARLIEST_YEAR) return { ok: false, message: `The date you became a SENCO must be in ${EARLIEST_YEAR} or later`, part: 'year' }
  if (value > today.slice(0, 7)) return { ok: false, message: 'The date you became a SENCO must be in the past', part: 'month' }
  return { ok: true, value }
}

const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

export function formatMonthYear(value: string | undefined): string {
  return value ? MONTH_YEAR.format(new Date(`${value}-01T00:00:00Z`)) : ''
}
