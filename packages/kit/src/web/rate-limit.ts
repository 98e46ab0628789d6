import type { Request, RequestHandler } from 'express'
import type { RateLimiter } from '../rate-limits.ts'
import { tooManyRequestsError } from './errors.ts'

/**
 * Lets `points` requests per `durationSeconds` through for each key (by default the client's address, which
 * depends on `trust proxy`), then shows the "too many attempts" page with Retry-After.
 */
export function limitRequests(options: {
  rateLimiter: RateLimiter
  points: number
  durationSeconds: number
  key?: (req: Request) => string
}): RequestHandler {
  return async (req, _res, next) => {
    const decision = await options.rateLimiter.consume(options.key?.(req) ?? req.ip ?? 'unknown', options.points, options.durationSeconds)
    if (!decision.allowed) return next(tooManyRequestsError(decision.retryAfterSeconds))
    next()
  }
}
