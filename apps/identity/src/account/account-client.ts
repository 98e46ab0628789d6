import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { registerClient } from '../clients/clients.ts'
import type { IdentitySchema } from '../database/schema.ts'

/** The service's own account pages, signing people in through the provider like any other service. */
export const ACCOUNT_CLIENT_ID = 'identity-account'
export const ACCOUNT_CALLBACK_PATH = '/account/signed-in'

/**
 * Registers the account pages as a client of this issuer, or adds this issuer's URIs to it (the issuer can change
 * between deployments). Its secret is thrown away: the pages never redeem the code they are given, since signing in
 * has already set the provider's session, which is all /account reads. So nobody can redeem it either.
 */
export async function ensureAccountClient(db: Kysely<IdentitySchema>, clock: Clock, options: { issuer: string; requireHttps: boolean }): Promise<void> {
  const redirectUri = `${options.issuer}${ACCOUNT_CALLBACK_PATH}`
  const postLogoutUri = `${options.issuer}/account`
  const existing = await db.selectFrom('clients').select(['redirect_uris', 'post_logout_redirect_uris']).where('client_id', '=', ACCOUNT_CLIENT_ID).executeTakeFirst()
  if (!existing) {
    try {
      await registerClient(
        db,
        clock,
        { clientId: ACCOUNT_CLIENT_ID, name: 'DfE Identity account', redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutUri], scopes: ['openid'], grantTypes: ['authorization_code'] },
        { actor: 'system', requireHttps: options.requireHttps },
      )
    } catch (error) {
      // Another instance starting at the same moment registered it first; anything else is a real failure.
      const registered = await db.selectFrom('clients').select('client_id').where('client_id', '=', ACCOUNT_CLIENT_ID).executeTakeFirst()
      if (!registered) throw error
    }
    return
  }
  if (existing.redirect_uris.includes(redirectUri) && existing.post_logout_redirect_uris.includes(postLogoutUri)) return
  await db
    .updateTable('clients')
    .set({
      redirect_uris: [...new Set([...existing.redirect_uris, redirectUri])],
      post_logout_redirect_uris: [...new Set([...existing.post_logout_redirect_uris, postLogoutUri])],
      updated_at: clock.now(),
    })
    .where('client_id', '=', ACCOUNT_CLIENT_ID)
    .execute()
}
