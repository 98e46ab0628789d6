// Calendar helpers working on "day numbers" (days since 1970-01-01, UTC). Days between 1900 and 2100 are tabulated
// once, so year / month / ISO-string look-ups in the hot path cost an array read.

const MS_PER_DAY = 86_400_000
const FIRST_DAY = Date.UTC(1900, 0, 1) / MS_PER_DAY
const LAST_DAY = Date.UTC(2100, 11, 31) / MS_PER_DAY
const SPAN = LAST_DAY - FIRST_DAY + 1
const years = new Int16Array(SPAN)
const monthDays = new Int16Array(SPAN) // month * 100 + day of month, for age arithmetic
const isoStrings: (string | undefined)[] = new Array<string | undefined>(SPAN)
{
  const date = new Date(FIRST_DAY * MS_PER_DAY)
  for (let index = 0; index < SPAN; index++) {
    years[index] = date.getUTCFullYear()
    monthDays[index] = (date.getUTCMonth() + 1) * 100 + date.getUTCDate()
    date.setUTCDate(date.getUTCDate() + 1)
  }
}

function checkedIndex(day: number): number {
  const index = day - FIRST_DAY
  if (!(index >= 0 && index < SPAN) || !Number.isInteger(index)) throw new RangeError(`day ${day} outside 1900–2100`)
  return index
}

export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${iso}`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY
}

export function isoOf(day: number): string {
  const index = checkedIndex(day)
  let iso = isoStrings[index]
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
    isoStrings[index] = iso
  }
  return iso
}

const monthStarts = new Int32Array(201 * 12)
for (let index = 0; index < monthStarts.length; index++) {
  monthStarts[index] = Date.UTC(1900 + Math.floor(index / 12), index % 12, 1) / MS_PER_DAY
}

/** Day number of a calendar date; days beyond the month's end roll over, as with Date.UTC. */
export function dayFromParts(year: number, month: number, dayOfMonth: number): number {
  const index = (year - 1900) * 12 + (month - 1)
  if (index >= 0 && index < monthStarts.length && Number.isInteger(index)) return (monthStarts[index] as number) + dayOfMonth - 1
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY
}

export function yearOf(day: number): number {
  return years[checkedIndex(day)] as number
}

/** True when year-month-day is a real calendar date. */
export function isRealDate(year: number, month: number, dayOfMonth: number): boolean {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return false
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth
}

export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** Whole years between a date of birth and a reference day. */
export function ageOn(birthDay: number, referenceDay: number): number {
  const birth = checkedIndex(birthDay)
  const reference = checkedIndex(referenceDay)
  const age = (years[reference] as number) - (years[birth] as number)
  return (monthDays[reference] as number) < (monthDays[birth] as number) ? age - 1 : age
}

/** Same day and month `years` later (29 February becomes 28 February in common years). */
export function addYears(day: number, count: number): number {
  const index = checkedIndex(day)
  const monthDay = monthDays[index] as number
  const year = (years[index] as number) + count
  const month = Math.floor(monthDay / 100)
  const dayOfMonth = monthDay % 100
  return isRealDate(year, month, dayOfMonth) ? dayFromParts(year, month, dayOfMonth) : dayFromParts(year, month, dayOfMonth - 1)
}
