import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from '../logger.ts'

export type FieldError = { field: string; code: string; message: string }

/** An error a client can act on: a stable machine-readable code, a sentence for people, and the field at fault. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  readonly errors: FieldError[]
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, options: { field?: string; errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = options.field
    this.errors = options.errors ?? []
    this.headers = options.headers ?? {}
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.errors.length > 0 ? { errors: this.errors } : {}),
      },
    }
  }
}

export function validationFailed(errors: FieldError[]): ApiError {
  const [first] = errors
  return new ApiError(400, 'validation_failed', first ? first.message : 'The request is not valid', { field: first?.field, errors })
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `There is no ${req.method} ${req.path}`))
}

/** Body-parser failures carry a `type`; everything else we did not expect is a 500 without details. */
function fromBodyParser(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'malformed_json', 'The request body is not valid JSON')
    case 'entity.too.large':
      return new ApiError(413, 'body_too_large', 'The request body is too large')
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_encoding', 'The request body must be UTF-8 JSON')
    case 'request.aborted':
      return new ApiError(400, 'request_aborted', 'The request was aborted')
    default:
      return undefined
  }
}

export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error)
    const known = error instanceof ApiError ? error : fromBodyParser(error)
    if (known) {
      res.status(known.status).set(known.headers).json(known.toJSON())
      return
    }
    logger.error({ err: error }, 'unhandled error')
    res.status(500).json(new ApiError(500, 'internal_error', 'Something went wrong on our side; it has been logged').toJSON())
  }
}
