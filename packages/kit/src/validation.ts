import type { z } from 'zod'
import { validationFailed, type FieldError } from './http/api-errors.ts'

type Issue = z.core.$ZodIssue

function fieldName(path: PropertyKey[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment))).join('.').replace(/\.\[/g, '[') || '(body)'
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

/** Turns zod's issues into field errors with stable codes a client can branch on. */
export function toFieldErrors(issues: Issue[], input: unknown): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const field = fieldName(issue.path)
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          field: fieldName([...issue.path, key]),
          code: 'unknown_field',
          message: `${fieldName([...issue.path, key])} is not a field this endpoint accepts`,
        }))
      case 'invalid_type':
        if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
          return [{ field, code: 'required', message: `${field} is required` }]
        }
        return [{ field, code: 'wrong_type', message: `${field} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}` }]
      case 'too_big':
        return [{ field, code: 'too_long', message: `${field} must have at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}` }]
      case 'too_small':
        return [{ field, code: issue.minimum === 1 ? 'required' : 'too_short', message: issue.minimum === 1 ? `${field} must not be empty` : `${field} is too short` }]
      case 'custom': {
        const code = typeof issue.params?.code === 'string' ? issue.params.code : 'invalid'
        return [{ field, code, message: issue.message }]
      }
      default:
        return [{ field, code: 'invalid', message: `${field} is not valid` }]
    }
  })
}

/** Parses untrusted input, or throws a 400 listing every problem. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw validationFailed(toFieldErrors(result.error.issues, input))
}
