import { Router } from 'express'
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { NpqSchema } from '../database/schema.ts'
import { signedInUser } from '../users/users.ts'
import { IdentitySignInRefused, type IdentityClient } from './identity-client.ts'
import { safeReturnPath } from './session.ts'
import { renewSession, saveSession } from '../../../../packages/kit/src/web/sessions.ts'

/**
 * /sign-in sends the person to the identity service; /auth/callback brings them back signed in; /sign-out ends both
 * this service's session and, through RP-initiated logout, the identity service's.
 */
export function signInRoutes(options: { db: Kysely<NpqSchema>; identity: IdentityClient; clock: Clock; logger: Logger; baseUrl: string }): Router {
  const { db, identity, clock, logger } = options
  const router = Router()

  router.get('/sign-in', async (req, res) => {
    const returnTo = safeReturnPath(req.query.returnTo)
    const { pending, url } = await identity.startSignIn()
    req.session.signIn = { pending, returnTo }
    await saveSession(req)
    res.redirect(303, url.href)
  })

  router.get('/auth/callback', async (req, res) => {
    const started = req.session.signIn
    if (!started) {
      // The back button onto an old callback, or a bookmarked one: nothing to finish here.
      return res.redirect(303, req.session.user ? '/account' : '/')
    }
    let signedIn
    try {
      signedIn = await identity.completeSignIn(new URL(req.originalUrl, options.baseUrl), started.pending)
    } catch (error) {
      delete req.session.signIn
      await saveSession(req)
      if (error instanceof IdentitySignInRefused && error.error === 'access_denied') return res.status(403).render('sign-in/not-signed-in', { reason: 'cancelled' })
      logger.warn({ err: error }, 'could not complete a sign-in with the identity service')
      return res.status(502).render('sign-in/not-signed-in', { reason: 'failed' })
    }
    const user = await signedInUser(db, signedIn.claims, clock)
    await renewSession(req, { user: { id: user.id, idToken: signedIn.idToken, sub: user.sub, ...(signedIn.sid ? { identitySessionId: signedIn.sid } : {}) } })
    logger.info({ userId: user.id, trnLookupStatus: user.trn_lookup_status }, 'signed in')
    res.redirect(303, started.returnTo)
  })

  router.get('/sign-out', async (req, res) => {
    const idToken = req.session.user?.idToken
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()))
    res.clearCookie('npq_session')
    res.redirect(303, (await identity.signOutUrl(idToken)).href)
  })

  return router
}
