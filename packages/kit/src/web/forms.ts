import type { Response } from 'express'
import type { z } from 'zod'
import { CSRF_FIELD } from './csrf.ts'

/** One entry in GOV.UK's error summary: the message, and a link to the field it is about. */
export type ErrorSummaryItem = { text: string; href: string }

/** What the layout and a form template need: `errors.errorList` for the summary, `errors.fields.x` as `errorMessage`. */
export type FormErrors = {
  errorList: ErrorSummaryItem[]
  fields: Record<string, { text: string }>
}

/** A problem with one field; `href` when the link must go elsewhere than `#field` (e.g. `#dateOfBirth-day`). */
export type FormFieldError = { field: string; message: string; href?: string }

export type FormErrorOptions = {
  /** The element id of a field whose id is not its name, e.g. `{ dateOfBirth: 'dateOfBirth-day' }`. */
  ids?: Record<string, string>
}

/** Keeps the first message for each field (GOV.UK shows one per field), in the order the fields were checked. */
export function formErrors(errors: FormFieldError[], options: FormErrorOptions = {}): FormErrors {
  const result: FormErrors = { errorList: [], fields: {} }
  for (const error of errors) {
    if (result.fields[error.field]) continue
    result.fields[error.field] = { text: error.message }
    result.errorList.push({ text: error.message, href: error.href ?? `#${options.ids?.[error.field] ?? error.field}` })
  }
  return result
}

function fieldKey(path: PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.')
}

/**
 * From zod's issues, using each issue's own message: write schemas with the GOV.UK wording, e.g.
 * `z.string().trim().min(1, 'Enter your full name')`, and give a field that may be missing altogether (radios,
 * checkboxes) its message too: `z.enum([...], { error: 'Select …' })`.
 */
export function formErrorsFromZod(error: z.ZodError, options: FormErrorOptions = {}): FormErrors {
  return formErrors(error.issues.map((issue) => ({ field: fieldKey(issue.path), message: issue.message })), options)
}

export function hasErrors(errors: FormErrors | undefined): boolean {
  return errors !== undefined && errors.errorList.length > 0
}

/** What the person typed, to put back in the fields: the body without the CSRF token. */
export function enteredValues(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {}
  const { [CSRF_FIELD]: _token, ...values } = body as Record<string, unknown>
  return values
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; values: Record<string, unknown> }

/** Validates a posted form against a zod schema. */
export function parseForm<Schema extends z.ZodType>(schema: Schema, body: unknown, options: FormErrorOptions = {}): FormResult<z.output<Schema>> {
  const result = schema.safeParse(enteredValues(body))
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: formErrorsFromZod(result.error, options), values: enteredValues(body) }
}

/** Shows the form again with its errors and the values entered, answering 400 Bad Request. */
export function renderInvalidForm(res: Response, view: string, context: { errors: FormErrors; values: Record<string, unknown> } & Record<string, unknown>): void {
  res.status(400).render(view, context)
}
