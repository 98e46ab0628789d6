import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Kysely } from 'kysely'
import type { NpqSchema, User } from '../database/schema.ts'
import type { PendingSignIn } from './identity-client.ts'

declare module 'express-session' {
  interface SessionData {
    signIn?: { pending: PendingSignIn; returnTo: string }
    user?: { id: string; idToken: string; sub: string; identitySessionId?: string }
  }
}

declare module 'express-serve-static-core' {
  interface Locals {
    user?: User
  }
}

/** Only paths on this service: `//evil.example` and `/\evil.example` are other hosts to a browser. */
export function safeReturnPath(value: unknown, fallback = '/registration'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 500 ? value : fallback
}

/**
 * Pages for signed-in people only: anyone else is sent to sign in and brought back here afterwards. The person is read
 * afresh on every request, so details the identity service has since changed (a TRN found, say) show at once.
 */
export function requireSignIn(db: Kysely<NpqSchema>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const signedIn = req.session.user
    let user = signedIn ? await db.selectFrom('users').selectAll().where('id', '=', signedIn.id).executeTakeFirst() : undefined
    // The identity service merged this account into another: carry on as the surviving one.
    while (user?.merged_into_user_id) {
      const survivor: string = user.merged_into_user_id
      user = await db.selectFrom('users').selectAll().where('id', '=', survivor).executeTakeFirst()
      if (user && signedIn) req.session.user = { ...signedIn, id: user.id }
    }
    if (!user) {
      const returnTo = req.method === 'GET' ? req.originalUrl : undefined
      return res.redirect(303, returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in')
    }
    res.locals.user = user
    next()
  }
}
