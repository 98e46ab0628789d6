import { z } from 'zod'
import { todayInEngland, type Clock } from '../../../../../../packages/kit/src/clock.ts'
import { enteredValues, formErrors, type FormErrors, type FormFieldError } from '../../../../../../packages/kit/src/web/forms.ts'
import { readDateOfBirth } from '../../../sign-in/date-of-birth/validation.ts'
import { confirmedField, reasonField } from '../../shared/reason.ts'
import type { DetailCorrections } from '../user-changes.ts'

// The records service takes names of up to 100 characters; the journey asks for no longer ones either.
const MAX_NAME = 100
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

const requiredName = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(MAX_NAME, `The ${label} must be ${MAX_NAME} characters or less`)
const optionalName = (label: string) =>
  z
    .string()
    .trim()
    .max(MAX_NAME, `The ${label} must be ${MAX_NAME} characters or less`)
    .optional()
    .transform((value) => (value ? value : null))

const detailsSchema = z.object({
  firstName: requiredName('first name'),
  middleName: optionalName('middle name'),
  lastName: requiredName('last name'),
  preferredName: optionalName('preferred name'),
  email: z
    .string({ error: 'Enter the email address' })
    .transform((value) => value.replace(INVISIBLE, '').trim())
    .pipe(
      z
        .string()
        .min(1, 'Enter the email address')
        .max(254, 'The email address must be 254 characters or less')
        .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
    ),
  reason: reasonField,
})

export type CorrectDetailsForm = { details: DetailCorrections; reason: string }

/** The correction form (or its confirmation, with `confirmed`): every field's problem at once, in GOV.UK wording. */
export type CorrectionsResult =
  | { ok: true; data: CorrectDetailsForm }
  | { ok: false; errors: FormErrors; values: Record<string, unknown>; partsInError: string[] }

export function readCorrections(body: unknown, clock: Clock, options: { confirming: boolean }): CorrectionsResult {
  const values = enteredValues(body)
  const schema = options.confirming ? detailsSchema.extend({ confirmed: confirmedField }) : detailsSchema
  const parsed = schema.safeParse(values)
  const dateOfBirth = readDateOfBirth({ day: values['dateOfBirth-day'], month: values['dateOfBirth-month'], year: values['dateOfBirth-year'] }, todayInEngland(clock))
  const issues: FormFieldError[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }))
  if (!dateOfBirth.ok) {
    const message = dateOfBirth.message.replace('Enter your date of birth', 'Enter the date of birth')
    // In the order of the form: after the names, before the email address.
    const at = issues.findIndex((issue) => issue.field === 'email' || issue.field === 'reason' || issue.field === 'confirmed')
    issues.splice(at < 0 ? issues.length : at, 0, { field: 'dateOfBirth', message, href: `#dateOfBirth-${dateOfBirth.parts[0] ?? 'day'}` })
  }
  if (!parsed.success || !dateOfBirth.ok) return { ok: false, errors: formErrors(issues), values, partsInError: dateOfBirth.ok ? [] : dateOfBirth.parts }
  const { reason, firstName, middleName, lastName, preferredName, email } = parsed.data
  return { ok: true, data: { reason, details: { firstName, middleName, lastName, preferredName, email, dateOfBirth: dateOfBirth.date } } }
}
