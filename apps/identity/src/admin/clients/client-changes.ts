// What admins change about a client service from the console: its redirect URIs and the settings the sign-in journeys
// follow, and its secret. Checked by the same rules as registering a client (clients/clients.ts), in one transaction
// with the event that records it. The client cache on every instance forgets the row as soon as it changes.
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import { ClientRegistrationError, registrationProblems, type NewClient } from '../../clients/clients.ts'
import { generateClientSecret, hashClientSecret, type RandomBytes } from '../../clients/secrets.ts'
import type { ClientRow, IdentitySchema, TrnMatchPolicy, TrnRequirement } from '../../database/schema.ts'
import { recordAdminEvent, type StaffActor } from '../shared/events.ts'

export type ClientChanges = {
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  trnRequirement: TrnRequirement
  trnMatchPolicy: TrnMatchPolicy
  raiseTrnSupportTickets: boolean
  blockProhibitedTeachers: boolean
}

export function clientSettings(row: ClientRow): ClientChanges {
  return {
    redirectUris: row.redirect_uris,
    postLogoutRedirectUris: row.post_logout_redirect_uris,
    trnRequirement: row.trn_requirement,
    trnMatchPolicy: row.trn_match_policy,
    raiseTrnSupportTickets: row.raise_trn_support_tickets,
    blockProhibitedTeachers: row.block_prohibited_teachers,
  }
}

/** The registration the row would have had, with the changes, so the registration rules can judge it. */
function asRegistration(row: ClientRow, changes: ClientChanges): NewClient {
  return {
    name: row.name,
    clientId: row.client_id,
    redirectUris: changes.redirectUris,
    postLogoutRedirectUris: changes.postLogoutRedirectUris,
    ...(row.backchannel_logout_uri ? { backchannelLogoutUri: row.backchannel_logout_uri } : {}),
    scopes: row.scopes,
    grantTypes: row.grant_types,
    authMethod: row.token_endpoint_auth_method,
    ...(row.jwks ? { jwks: row.jwks } : {}),
    ...(row.jwks_uri ? { jwksUri: row.jwks_uri } : {}),
    trnRequirement: changes.trnRequirement,
    trnMatchPolicy: changes.trnMatchPolicy,
    raiseTrnSupportTickets: changes.raiseTrnSupportTickets,
    blockProhibitedTeachers: changes.blockProhibitedTeachers,
  }
}

export async function listClients(db: Kysely<IdentitySchema>): Promise<ClientRow[]> {
  return db.selectFrom('clients').selectAll().orderBy('name').orderBy('client_id').execute()
}

export async function findClient(db: Kysely<IdentitySchema>, clientId: string): Promise<ClientRow | undefined> {
  if (!/^[a-z0-9][a-z0-9_-]{2,63}$/.test(clientId)) return undefined
  return db.selectFrom('clients').selectAll().where('client_id', '=', clientId).executeTakeFirst()
}

export type ClientUpdate = { outcome: 'updated' | 'unchanged'; client: ClientRow } | { outcome: 'not_found' }

/** Throws ClientRegistrationError with every problem when the client would break the registration rules. */
export async function updateClient(
  db: Kysely<IdentitySchema>,
  clock: Clock,
  clientId: string,
  changes: ClientChanges,
  options: { by: StaffActor; requireHttps: boolean },
): Promise<ClientUpdate> {
  const now = clock.now()
  return db.transaction().execute(async (trx): Promise<ClientUpdate> => {
    const row = await trx.selectFrom('clients').selectAll().where('client_id', '=', clientId).forUpdate().executeTakeFirst()
    if (!row) return { outcome: 'not_found' }
    const problems = registrationProblems(asRegistration(row, changes), { requireHttps: options.requireHttps })
    if (problems.length > 0) throw new ClientRegistrationError(problems)
    const before = clientSettings(row)
    if (JSON.stringify(before) === JSON.stringify(changes)) return { outcome: 'unchanged', client: row }
    const updated = await trx
      .updateTable('clients')
      .set({
        redirect_uris: changes.redirectUris,
        post_logout_redirect_uris: changes.postLogoutRedirectUris,
        trn_requirement: changes.trnRequirement,
        trn_match_policy: changes.trnMatchPolicy,
        raise_trn_support_tickets: changes.raiseTrnSupportTickets,
        block_prohibited_teachers: changes.blockProhibitedTeachers,
        updated_at: now,
      })
      .where('client_id', '=', clientId)
      .returningAll()
      .executeTakeFirstOrThrow()
    const changed = (Object.keys(changes) as Array<keyof ClientChanges>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(changes[key]))
    await recordAdminEvent(trx, {
      type: 'client_updated',
      by: options.by,
      clientId,
      occurredAt: now,
      details: { before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, changes[key]])) },
    })
    return { outcome: 'updated', client: updated }
  })
}

export type SecretRotation = { outcome: 'rotated'; secret: string } | { outcome: 'not_found' } | { outcome: 'no_secret' }

/**
 * A new secret at once; the old one stops working now (the client service must be given the new one first, or be
 * ready for it). Only the hash is stored; the event records that it happened, never the secret.
 */
export async function rotateClientSecret(db: Kysely<IdentitySchema>, clock: Clock, clientId: string, options: { by: StaffActor; random?: RandomBytes }): Promise<SecretRotation> {
  const secret = generateClientSecret(options.random)
  const now = clock.now()
  return db.transaction().execute(async (trx): Promise<SecretRotation> => {
    const row = await trx.selectFrom('clients').select(['client_id', 'token_endpoint_auth_method']).where('client_id', '=', clientId).forUpdate().executeTakeFirst()
    if (!row) return { outcome: 'not_found' }
    if (row.token_endpoint_auth_method === 'private_key_jwt') return { outcome: 'no_secret' }
    await trx.updateTable('clients').set({ secret_hash: hashClientSecret(secret), updated_at: now }).where('client_id', '=', clientId).execute()
    await recordAdminEvent(trx, { type: 'client_secret_rotated', by: options.by, clientId, occurredAt: now, details: {} })
    return { outcome: 'rotated', secret }
  })
}
