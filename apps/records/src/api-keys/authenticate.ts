import type { Request, RequestHandler } from 'express'
import type { Kysely } from 'kysely'
import { ApiError } from '../../../../packages/kit/src/http/api-errors.ts'
import type { RateLimiter } from '../../../../packages/kit/src/rate-limits.ts'
import type { RecordsSchema } from '../database/schema.ts'
import { findApiClient, type ApiClient, type ApiRole } from './keys.ts'

const clients = new WeakMap<Request, ApiClient>()

/** The authenticated caller of this request; only valid behind `authenticateApiKey`. */
export function apiClientOf(req: Request): ApiClient {
  const client = clients.get(req)
  if (!client) throw new Error('apiClientOf called on an unauthenticated request')
  return client
}

const unauthenticated = () =>
  new ApiError(401, 'unauthorised', 'Send a valid API key as "Authorization: Bearer <key>"', { headers: { 'WWW-Authenticate': 'Bearer' } })

/** Bearer API keys, then the key's own per-minute limit, shared across instances. */
export function authenticateApiKey(options: { db: Kysely<RecordsSchema>; rateLimiter: RateLimiter }): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer ([^\s]+)$/.exec(req.get('authorization') ?? '')
    const client = match?.[1] ? await findApiClient(options.db, match[1]) : undefined
    if (!client) return next(unauthenticated())
    const decision = await options.rateLimiter.consume(client.id, client.requestsPerMinute, 60)
    if (!decision.allowed) {
      return next(
        new ApiError(429, 'rate_limited', `This key may make ${client.requestsPerMinute} requests a minute; try again later`, {
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        }),
      )
    }
    clients.set(req, client)
    next()
  }
}

export function requireRole(role: ApiRole): RequestHandler {
  return (req, _res, next) => {
    if (apiClientOf(req).roles.includes(role)) return next()
    next(new ApiError(403, 'forbidden', `This API key does not have the "${role}" role`))
  }
}
