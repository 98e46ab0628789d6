import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { ApiError } from '../../../../packages/kit/src/http/api-errors.ts'
import { identityApiResource } from '../oidc/scopes.ts'
import type { KeyRing } from '../signing-keys/key-ring.ts'
import { publicPart } from '../signing-keys/keys.ts'

/** The client service a verified access token was issued to, and the API scopes it carries. */
export type ApiCaller = { clientId: string; scopes: string[] }

const callers = new WeakMap<Request, ApiCaller>()

export function apiCallerOf(req: Request): ApiCaller {
  const caller = callers.get(req)
  if (!caller) throw new Error('apiCallerOf called on a route that does not authenticate')
  return caller
}

function unauthorised(description: string): ApiError {
  return new ApiError(401, 'invalid_token', description, { headers: { 'WWW-Authenticate': `Bearer realm="identity-api", error="invalid_token", error_description="${description}"` } })
}

/**
 * Accepts only the provider's own client_credentials access tokens: RS256 JWTs signed with one of its current keys, for
 * this API's audience, unexpired (by the service's clock). The key set is read on each request so rotation is seen.
 */
export function authenticateAccessToken(options: { issuer: string; keys: KeyRing; clock: Clock }): RequestHandler {
  const audience = identityApiResource(options.issuer)
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? ''
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim())
    if (!match) {
      return next(new ApiError(401, 'unauthorized', 'Send an access token: Authorization: Bearer <token>', { headers: { 'WWW-Authenticate': 'Bearer realm="identity-api"' } }))
    }
    let payload: JWTPayload
    try {
      const keySet = await options.keys.current()
      const jwks = createLocalJWKSet({ keys: keySet.keys.map((key) => ({ ...publicPart(key) })) as never })
      const verified = await jwtVerify(match[1] as string, jwks, {
        issuer: options.issuer,
        audience,
        algorithms: ['RS256'],
        currentDate: options.clock.now(),
        requiredClaims: ['exp', 'client_id'],
      })
      payload = verified.payload
    } catch {
      return next(unauthorised('The access token is not valid for this API, or has expired'))
    }
    const clientId = payload.client_id
    if (typeof clientId !== 'string') return next(unauthorised('The access token names no client'))
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []
    callers.set(req, { clientId, scopes })
    next()
  }
}

/** `any` of the scopes will do (user:write implies reading). */
export function requireScope(...anyOf: string[]): RequestHandler {
  return (req, _res, next) => {
    if (apiCallerOf(req).scopes.some((scope) => anyOf.includes(scope))) return next()
    const needed = anyOf.join(' or ')
    next(
      new ApiError(403, 'insufficient_scope', `The access token needs the ${needed} scope`, {
        headers: { 'WWW-Authenticate': `Bearer realm="identity-api", error="insufficient_scope", scope="${anyOf.join(' ')}"` },
      }),
    )
  }
}
