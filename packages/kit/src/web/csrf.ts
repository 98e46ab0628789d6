import type { Request, RequestHandler } from 'express'
import { csrfSync } from 'csrf-sync'

export const CSRF_FIELD = '_csrf'
const CSRF_ERROR_CODE = 'EBADCSRFTOKEN'

const { csrfSynchronisedProtection, getTokenFromState } = csrfSync({
  size: 32,
  getTokenFromRequest: (req) => {
    const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]
    if (typeof fromBody === 'string') return fromBody
    const fromHeader = req.headers['x-csrf-token']
    return typeof fromHeader === 'string' ? fromHeader : undefined
  },
})

/**
 * Synchroniser-token CSRF protection: the token lives in the session; every POST (PUT, PATCH, DELETE) must send
 * it back in the `_csrf` field (or an `X-CSRF-Token` header). Needs sessions and a parsed body before it.
 * Templates get `csrfToken()`, which makes the token only when a form asks for it.
 */
export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    res.locals.csrfToken = () => req.csrfToken?.()
    csrfSynchronisedProtection(req, res, next)
  }
}

/**
 * Puts a token in the session now, when the caller is about to save the session anyway: the next page's form finds it
 * there, so showing that page needs no session write of its own.
 */
export function issueCsrfToken(req: Request): void {
  req.csrfToken?.()
}

export function isCsrfFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === CSRF_ERROR_CODE
}

/** A refused form whose session holds no token at all: the session expired (or was never there). */
export function sessionHasNoCsrfToken(req: Request): boolean {
  return !req.session || typeof getTokenFromState(req) !== 'string'
}
