import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { IDENTITY_API_SCOPES } from '../oidc/scopes.ts'
import { registerClient, type NewClient } from './clients.ts'

/** Development only: fixed, published secrets, so the other services and people trying things can use them. */
export const DEMO_CLIENTS: Array<NewClient & { clientId: string; secret: string }> = [
  {
    clientId: 'register-for-an-npq',
    secret: 'npq-development-secret-for-local-use-only',
    name: 'Register for a national professional qualification',
    redirectUris: ['http://localhost:3002/auth/callback'],
    postLogoutRedirectUris: ['http://localhost:3002/'],
    backchannelLogoutUri: 'http://localhost:3002/auth/backchannel-logout',
    scopes: ['openid', 'email', 'profile', 'trn'],
    grantTypes: ['authorization_code'],
    trnRequirement: 'optional',
    trnMatchPolicy: 'default',
    raiseTrnSupportTickets: true,
    blockProhibitedTeachers: false,
  },
  {
    clientId: 'demo',
    secret: 'demo-development-secret-for-local-use-only',
    name: 'Demo service',
    redirectUris: ['http://localhost:8400/callback'],
    postLogoutRedirectUris: ['http://localhost:8400/'],
    scopes: ['openid', 'email', 'profile', 'trn', 'offline_access', ...IDENTITY_API_SCOPES],
    grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
    trnRequirement: 'required',
    trnMatchPolicy: 'default',
    raiseTrnSupportTickets: false,
    blockProhibitedTeachers: true,
  },
]

export const DEMO_CLIENT_ID = 'demo'

/** The `demo` client also signs in to the identity service's own /demo page, wherever the service runs. */
function demoPageUris(issuer: string | undefined) {
  return issuer ? { redirect: [`${issuer}/demo/callback`], postLogout: [`${issuer}/demo`] } : { redirect: [], postLogout: [] }
}

/**
 * Registers the demo clients that are missing; returns the ids it added. Given the issuer, the `demo` client gets the
 * /demo page's URIs too, added to a `demo` client registered before them.
 */
export async function seedDemoClients(db: Kysely<IdentitySchema>, clock: Clock, options: { issuer?: string } = {}): Promise<string[]> {
  const added: string[] = []
  const demoPage = demoPageUris(options.issuer)
  for (const { secret, ...listed } of DEMO_CLIENTS) {
    const client =
      listed.clientId === DEMO_CLIENT_ID
        ? { ...listed, redirectUris: [...listed.redirectUris, ...demoPage.redirect], postLogoutRedirectUris: [...(listed.postLogoutRedirectUris ?? []), ...demoPage.postLogout] }
        : listed
    const existing = await db.selectFrom('clients').select(['redirect_uris', 'post_logout_redirect_uris']).where('client_id', '=', client.clientId).executeTakeFirst()
    if (!existing) {
      await registerClient(db, clock, client, { actor: 'seed', requireHttps: false, secret })
      added.push(client.clientId)
      continue
    }
    const redirectUris = [...new Set([...existing.redirect_uris, ...client.redirectUris])]
    const postLogoutRedirectUris = [...new Set([...existing.post_logout_redirect_uris, ...(client.postLogoutRedirectUris ?? [])])]
    if (redirectUris.length !== existing.redirect_uris.length || postLogoutRedirectUris.length !== existing.post_logout_redirect_uris.length) {
      await db
        .updateTable('clients')
        .set({ redirect_uris: redirectUris, post_logout_redirect_uris: postLogoutRedirectUris, updated_at: clock.now() })
        .where('client_id', '=', client.clientId)
        .execute()
    }
  }
  return added
}
