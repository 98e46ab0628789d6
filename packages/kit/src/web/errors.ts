import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import type { Logger } from '../logger.ts'
import { isCsrfFailure, sessionHasNoCsrfToken } from './csrf.ts'

/** Thrown (or passed to `next`) from a page's handler to show one of the kit's error pages. */
export class PageError extends Error {
  readonly status: number
  readonly view: string
  readonly context: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(status: number, view: string, options: { message?: string; context?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(options.message ?? view)
    this.name = 'PageError'
    this.status = status
    this.view = view
    this.context = options.context ?? {}
    this.headers = options.headers ?? {}
  }
}

export function pageNotFoundError(): PageError {
  return new PageError(404, 'kit/errors/not-found')
}

export function forbiddenError(): PageError {
  return new PageError(403, 'kit/errors/forbidden')
}

export function sessionExpiredError(): PageError {
  return new PageError(403, 'kit/errors/session-expired')
}

export function badRequestError(reason?: string): PageError {
  return new PageError(400, 'kit/errors/bad-request', { context: { reason } })
}

/** "5 minutes", "1 hour", "30 seconds": when someone who was stopped can try again. */
export function describeWait(seconds: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second')
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), 'minute')
  return plural(Math.ceil(seconds / 3600), 'hour')
}

export function tooManyRequestsError(retryAfterSeconds: number): PageError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  return new PageError(429, 'kit/errors/too-many-requests', {
    context: { waitText: describeWait(seconds) },
    headers: { 'Retry-After': String(seconds) },
  })
}

/** The last route: nothing matched. */
export const pageNotFound: RequestHandler = (_req, _res, next) => next(pageNotFoundError())

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode
  return typeof status === 'number' ? status : undefined
}

/** Which page an error becomes. Anything we did not expect is a 500 that shows no details. */
function pageFor(error: unknown, req: Request): PageError {
  if (error instanceof PageError) return error
  if (isCsrfFailure(error)) return sessionHasNoCsrfToken(req) ? sessionExpiredError() : new PageError(403, 'kit/errors/form-not-accepted')
  const status = statusOf(error)
  if (status === 404) return pageNotFoundError()
  if (status === 413) return new PageError(413, 'kit/errors/bad-request', { context: { reason: 'What you sent was too large.' } })
  // Body parser and other http-errors failures caused by the request itself (bad encoding, malformed URL).
  if (status !== undefined && status >= 400 && status < 500) return new PageError(400, 'kit/errors/bad-request')
  return new PageError(500, 'kit/errors/problem')
}

function sendFallback(res: Response, status: number): void {
  res.status(status).type('text/plain').send('Sorry, there is a problem with the service. Try again later.')
}

/** Renders GOV.UK error pages; logs the errors that are ours (500s), never their details to the person. */
export function pageErrorHandler(options: { logger: Logger; idleTimeoutMinutes?: number }): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error)
    const page = pageFor(error, req)
    if (page.status >= 500) options.logger.error({ err: error }, 'unhandled error')
    else if (isCsrfFailure(error)) options.logger.warn({ path: req.path }, 'form refused: CSRF token missing or wrong')
    res.status(page.status).set(page.headers)
    res.render(page.view, { idleMinutes: options.idleTimeoutMinutes, ...page.context }, (renderError: Error | null, html?: string) => {
      if (renderError) {
        options.logger.error({ err: renderError }, 'could not render the error page')
        return sendFallback(res, page.status)
      }
      res.send(html)
    })
  }
}
