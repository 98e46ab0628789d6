import { z } from 'zod'
import { isRealDate } from '../../../../packages/kit/src/calendar.ts'
import { todayInEngland, type Clock } from '../../../../packages/kit/src/clock.ts'
import { isValidNationalInsuranceNumber, isValidTrn, normaliseNationalInsuranceNumber, normaliseTrn } from '../matching/identifiers.ts'

// Field rules shared by every endpoint that takes a person's details.

const EARLIEST_DATE_OF_BIRTH = '1900-01-01'

export const personName = z.string().trim().min(1).max(100)

export function calendarDate(field: string) {
  return z.string().refine(isRealDate, { message: `${field} must be a real date written YYYY-MM-DD`, params: { code: 'invalid_date' } })
}

export function dateOfBirth(clock: Clock) {
  return calendarDate('dateOfBirth')
    .refine((value) => value <= todayInEngland(clock), { message: 'dateOfBirth must be in the past', params: { code: 'date_in_future' } })
    .refine((value) => value >= EARLIEST_DATE_OF_BIRTH, { message: `dateOfBirth must be on or after ${EARLIEST_DATE_OF_BIRTH}`, params: { code: 'date_too_early' } })
}

/** Spaces, hyphens and lower case are forgiven; the shape is not. */
export const nationalInsuranceNumber = z
  .string()
  .max(20)
  .transform(normaliseNationalInsuranceNumber)
  .refine(isValidNationalInsuranceNumber, { message: 'nationalInsuranceNumber must look like QQ 12 34 56 C', params: { code: 'invalid_national_insurance_number' } })

export const trn = z
  .string()
  .max(20)
  .transform(normaliseTrn)
  .refine(isValidTrn, { message: 'trn must be exactly 7 digits', params: { code: 'invalid_trn' } })

export const email = z
  .string()
  .trim()
  .max(254)
  .refine((value) => z.email().safeParse(value).success, { message: 'email must be an email address', params: { code: 'invalid_email' } })

/** Optional fields may be omitted, null or an empty string; all three mean "not given". */
export function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null || value === '' ? undefined : value), schema.optional())
}
