import { createHash, randomBytes } from 'node:crypto'
import { Router } from 'express'
import { saveSession } from '../../../../packages/kit/src/web/sessions.ts'
import { ROUTES } from '../oidc/provider.ts'
import { ACCOUNT_CALLBACK_PATH, ACCOUNT_CLIENT_ID } from './account-client.ts'

declare module 'express-session' {
  interface SessionData {
    /** The state of the authorization request /account/sign-in sent this browser with, until it comes back. */
    accountSignInState?: string
  }
}

const random = () => randomBytes(32).toString('base64url')

/**
 * /account/sign-in sends the browser to sign in through the provider as the account pages' own client (account-client.ts);
 * /account/signed-in takes it back to /account once the state it comes back with is the one this browser was given, so
 * nobody can sign someone else's browser in to their own account with a link.
 */
export function accountSignInRoutes(options: { issuer: string }): Router {
  const router = Router()
  router.get('/account/sign-in', async (req, res) => {
    const state = random()
    req.session.accountSignInState = state
    await saveSession(req)
    const url = new URL(`${options.issuer}${ROUTES.authorization}`)
    url.search = new URLSearchParams({
      client_id: ACCOUNT_CLIENT_ID,
      redirect_uri: `${options.issuer}${ACCOUNT_CALLBACK_PATH}`,
      response_type: 'code',
      scope: 'openid',
      state,
      // PKCE is required of every client; the code is never redeemed, so its verifier is not kept.
      code_challenge: createHash('sha256').update(random()).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString()
    res.redirect(303, url.toString())
  })

  router.get(ACCOUNT_CALLBACK_PATH, async (req, res) => {
    const expected = req.session.accountSignInState
    const state = typeof req.query.state === 'string' ? req.query.state : undefined
    if (!expected || state !== expected) return res.status(400).render('account/sign-in-expired')
    delete req.session.accountSignInState
    await saveSession(req)
    res.redirect(303, '/account')
  })
  return router
}
