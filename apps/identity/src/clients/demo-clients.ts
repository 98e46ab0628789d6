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

/** Registers the demo clients that are missing; returns the ids it added. */
export async function seedDemoClients(db: Kysely<IdentitySchema>, clock: Clock): Promise<string[]> {
  const added: string[] = []
  for (const { secret, ...client } of DEMO_CLIENTS) {
    const existing = await db.selectFrom('clients').select('client_id').where('client_id', '=', client.clientId).executeTakeFirst()
    if (existing) continue
    await registerClient(db, clock, client, { actor: 'seed', requireHttps: false, secret })
    added.push(client.clientId)
  }
  return added
}
