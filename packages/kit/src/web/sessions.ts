import type { Request, RequestHandler } from 'express'
import session, { type SessionData } from 'express-session'
import { issueCsrfToken } from './csrf.ts'
import { KyselySessionStore } from './session-store.ts'

export type SessionOptions = {
  store: KyselySessionStore
  /** The first signs new cookies; all are accepted, so a secret can be rotated without signing everyone out. */
  secrets: string[]
  /**
   * Unique per service: cookies ignore ports, so on localhost identity (:3000) and npq (:3002) would otherwise
   * overwrite each other's.
   */
  cookieName: string
  production: boolean
}

/**
 * Server-side sessions. The cookie holds only the signed session id; it is httpOnly, SameSite=Lax, Secure in
 * production (and whenever the request came over HTTPS, as `trust proxy` tells), and lasts until the browser
 * closes; the server forgets the session after the store's idle timeout. Nothing is stored for a visitor until a
 * page puts something in their session.
 */
export function sessions(options: SessionOptions): RequestHandler {
  if (options.secrets.length === 0 || options.secrets.some((secret) => secret.length < 32)) {
    throw new Error('Session secrets must be at least 32 characters long')
  }
  return session({
    name: options.cookieName,
    secret: options.secrets,
    store: options.store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.production ? true : 'auto', path: '/' },
  })
}

/**
 * Writes the session now. Call before a redirect after changing it: express-session saves as the response ends, and a
 * browser may follow the redirect before that save has finished.
 */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error: unknown) => (error ? reject(error) : resolve())))
}

/**
 * Once someone has proved who they are (session fixation): a new session id holding only `kept` and a new CSRF token
 * (nothing else of the old session comes across), written in the statement that deletes the old session. Call before
 * a redirect, as saveSession.
 */
export async function renewSession(req: Request, kept: Partial<SessionData>): Promise<void> {
  const store = req.sessionStore
  if (!(store instanceof KyselySessionStore)) throw new Error('renewSession needs the kit’s session store')
  const replacedSid = req.sessionID
  store.generate(req)
  Object.assign(req.session, kept)
  issueCsrfToken(req)
  await store.replace(replacedSid, req.sessionID, req.session)
}
