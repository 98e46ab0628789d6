import { randomBytes as nodeRandomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import helmet from 'helmet'

export type RandomBytes = (size: number) => Buffer

/** A fresh nonce for each response, for the one inline script GOV.UK's template has (adding `js-enabled`). */
export function cspNonce(randomBytes: RandomBytes = nodeRandomBytes): RequestHandler {
  return (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  }
}

const nonceSource = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as ServerResponse & { locals: { cspNonce: string } }).locals.cspNonce}'`

/**
 * helmet with a strict Content-Security-Policy: everything from our own origin, scripts only from files or with
 * the response's nonce, no inline styles, no framing. `formActions` lists other origins a form may post or be
 * redirected to (browsers apply form-action to the redirects after a post, as in an OpenID Connect sign-in).
 */
export function securityHeaders(options: { production: boolean; formActions?: string[] }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceSource],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'", ...(options.formActions ?? [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Only behind TLS: on http://localhost it would send the browser to an https address that does not answer.
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  })
}

/** Pages can hold personal details: never keep them in a shared or browser cache (and "back" after signing out). */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store')
  next()
}
