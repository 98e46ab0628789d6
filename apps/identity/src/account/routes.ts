import { Router, type Request, type Response } from 'express'
import type { Kysely } from 'kysely'
import type Provider from 'oidc-provider'
import type { IdentitySchema, UserRow } from '../database/schema.ts'
import type { ProviderHolder } from '../oidc/provider-holder.ts'
import { findUserBySub } from '../users/users.ts'
import { accountSignInRoutes } from './sign-in.ts'

type KoaContextMaker = { createContext(req: Request, res: Response): Parameters<Provider['Session']['get']>[0] }

/** Who is signed in here: the account of oidc-provider's session cookie, the same session every service relies on. */
export async function signedInUser(providers: ProviderHolder, db: Kysely<IdentitySchema>, req: Request, res: Response): Promise<UserRow | undefined> {
  const provider = await providers.current()
  const session = await provider.Session.get((provider as unknown as KoaContextMaker).createContext(req, res))
  return session.accountId ? findUserBySub(db, session.accountId) : undefined
}

/**
 * GET /account: the signed-in person's details and teaching record link. Signing out goes through the provider's
 * RP-initiated logout (/connect/signout), which ends the session, revokes its tokens and tells every service the
 * person used in it (back-channel logout), so they are signed out everywhere at once.
 */
export function accountRoutes(options: { db: Kysely<IdentitySchema>; providers: ProviderHolder; issuer: string; demoAvailable?: boolean }): Router {
  const router = Router()
  router.use(accountSignInRoutes({ issuer: options.issuer }))
  router.get('/account', async (req, res) => {
    const user = await signedInUser(options.providers, options.db, req, res)
    if (!user) return res.render('account/not-signed-in', { demoAvailable: options.demoAvailable ?? false })
    res.render('account/account', { user })
  })
  return router
}
