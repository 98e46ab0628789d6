import { isRealDate } from '../../../../packages/kit/src/calendar.ts'
import { INDUCTION_STATUSES, type InductionStatus } from '../database/schema.ts'
import { isValidNationalInsuranceNumber, isValidTrn, normaliseNationalInsuranceNumber } from '../matching/identifiers.ts'
import type { PersonDetailsToStore } from '../persons/person-row.ts'

export const REQUIRED_COLUMNS = ['trn', 'first_name', 'last_name', 'date_of_birth'] as const
export const KNOWN_COLUMNS = [
  'trn',
  'first_name',
  'middle_name',
  'last_name',
  'previous_last_names',
  'date_of_birth',
  'national_insurance_number',
  'email',
  'qts_date',
  'eyts_date',
  'induction_status',
  'alerts',
] as const

export type ImportedRecord = PersonDetailsToStore & { alertCodes: string[] }

export type RowCheck = { ok: true; record: ImportedRecord } | { ok: false; reasons: string[] }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_NAME = 100

/** Problems with the header that make the whole file unusable. */
export function checkHeader(columns: string[]): string[] {
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column))
  const unknown = columns.filter((column) => !(KNOWN_COLUMNS as readonly string[]).includes(column))
  return [
    ...missing.map((column) => `the header has no "${column}" column`),
    ...unknown.map((column) => `the header has an unknown column "${column}"`),
  ]
}

/** Validates one CSV row into a record to store, or says every reason it cannot be. Pure: no database. */
export function checkRecordRow(row: Record<string, string | undefined>, context: { today: string; alertCodes: ReadonlySet<string> }): RowCheck {
  const reasons: string[] = []
  const text = (column: string) => (row[column] ?? '').trim()

  const trn = text('trn')
  if (!isValidTrn(trn)) reasons.push(`trn "${trn}" is not exactly 7 digits`)

  const firstName = text('first_name')
  const middleName = text('middle_name')
  const lastName = text('last_name')
  if (!firstName) reasons.push('first_name is empty')
  if (!lastName) reasons.push('last_name is empty')
  for (const [column, value] of [['first_name', firstName], ['middle_name', middleName], ['last_name', lastName]] as const) {
    if (value.length > MAX_NAME) reasons.push(`${column} is longer than ${MAX_NAME} characters`)
  }
  const previousLastNames = text('previous_last_names').split(';').map((name) => name.trim()).filter(Boolean)
  if (previousLastNames.some((name) => name.length > MAX_NAME)) reasons.push(`a previous last name is longer than ${MAX_NAME} characters`)

  const dateOfBirth = text('date_of_birth')
  if (!isRealDate(dateOfBirth)) reasons.push(`date_of_birth "${dateOfBirth}" is not a real date written YYYY-MM-DD`)
  else if (dateOfBirth > context.today) reasons.push(`date_of_birth ${dateOfBirth} is in the future`)

  const rawNino = text('national_insurance_number')
  const nationalInsuranceNumber = rawNino ? normaliseNationalInsuranceNumber(rawNino) : null
  if (nationalInsuranceNumber && !isValidNationalInsuranceNumber(nationalInsuranceNumber)) reasons.push(`national_insurance_number "${rawNino}" is not a valid NI number`)

  const email = text('email') || null
  if (email && (!EMAIL.test(email) || email.length > 254)) reasons.push(`email "${email}" is not an email address`)

  const optionalDate = (column: string) => {
    const value = text(column)
    if (!value) return null
    if (!isRealDate(value)) reasons.push(`${column} "${value}" is not a real date written YYYY-MM-DD`)
    else if (value > context.today) reasons.push(`${column} ${value} is in the future`)
    return value
  }
  const qtsDate = optionalDate('qts_date')
  const eytsDate = optionalDate('eyts_date')

  const inductionText = text('induction_status') || 'None'
  const inductionStatus = INDUCTION_STATUSES.find((status) => status.toLowerCase() === inductionText.toLowerCase())
  if (!inductionStatus) reasons.push(`induction_status "${inductionText}" is not one of ${INDUCTION_STATUSES.join(', ')}`)

  const alertCodes = text('alerts').split(';').map((code) => code.trim().toUpperCase()).filter(Boolean)
  for (const code of alertCodes) if (!context.alertCodes.has(code)) reasons.push(`alert type "${code}" is not a known alert type`)

  if (reasons.length > 0) return { ok: false, reasons }
  return {
    ok: true,
    record: {
      trn,
      firstName,
      middleName: middleName || null,
      lastName,
      previousNames: previousLastNames.map((name) => ({ firstName: null, middleName: null, lastName: name, stoppedUsingOn: null })),
      dateOfBirth,
      nationalInsuranceNumber,
      email,
      sex: null,
      qtsDate,
      eytsDate,
      inductionStatus: inductionStatus as InductionStatus,
      alertCodes,
    },
  }
}
