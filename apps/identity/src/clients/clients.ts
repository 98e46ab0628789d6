import { randomBytes, type JsonWebKey } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { ClientAuthMethod, ClientGrantType, ClientRow, IdentitySchema, TrnMatchPolicy, TrnRequirement } from '../database/schema.ts'
import { recordEvent } from '../events/record-event.ts'
import { ALL_SCOPES, isApiScope, isOidcScope } from '../oidc/scopes.ts'
import { loadActiveClient, type ClientLookup } from './client-cache.ts'
import { generateClientSecret, hashClientSecret, type RandomBytes } from './secrets.ts'

export const GRANT_TYPES: readonly ClientGrantType[] = ['authorization_code', 'refresh_token', 'client_credentials']
export const AUTH_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt']

export type NewClient = {
  name: string
  clientId?: string
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
  backchannelLogoutUri?: string
  scopes: string[]
  grantTypes: ClientGrantType[]
  authMethod?: ClientAuthMethod
  /** Public keys for private_key_jwt: a JWK Set, or a URL serving one. */
  jwks?: { keys: JsonWebKey[] }
  jwksUri?: string
  trnRequirement?: TrnRequirement
  trnMatchPolicy?: TrnMatchPolicy
  raiseTrnSupportTickets?: boolean
  blockProhibitedTeachers?: boolean
}

/** How the sign-in journeys must treat people coming from this client. */
export type ClientSettings = {
  clientId: string
  name: string
  trnRequirement: TrnRequirement
  trnMatchPolicy: TrnMatchPolicy
  raiseTrnSupportTickets: boolean
  blockProhibitedTeachers: boolean
}

export class ClientRegistrationError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(problems.join('; '))
    this.name = 'ClientRegistrationError'
    this.problems = problems
  }
}

const CLIENT_ID = /^[a-z0-9][a-z0-9_-]{2,63}$/

function uriProblems(label: string, uris: string[], requireHttps: boolean): string[] {
  return uris.flatMap((uri) => {
    const parsed = URL.parse(uri)
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return [`${label} "${uri}" must be an absolute http(s) URL`]
    if (parsed.hash || uri.includes('#')) return [`${label} "${uri}" must not have a fragment`]
    if (requireHttps && parsed.protocol !== 'https:') return [`${label} "${uri}" must use https in production`]
    return []
  })
}

/** Everything wrong with a client registration, so an operator fixes it in one go. */
export function registrationProblems(client: NewClient, options: { requireHttps: boolean }): string[] {
  const grants = new Set(client.grantTypes)
  const scopes = new Set(client.scopes)
  const authMethod = client.authMethod ?? 'client_secret_basic'
  const problems: string[] = []
  if (!client.name.trim() || client.name.length > 200) problems.push('the name must have 1 to 200 characters')
  if (client.clientId !== undefined && !CLIENT_ID.test(client.clientId)) problems.push('the client id must be 3 to 64 lower-case letters, digits, "-" or "_"')
  if (grants.size === 0) problems.push('at least one grant type is needed')
  for (const grant of grants) if (!GRANT_TYPES.includes(grant)) problems.push(`unknown grant type "${grant}" (grant types: ${GRANT_TYPES.join(', ')})`)
  for (const scope of scopes) if (!ALL_SCOPES.includes(scope)) problems.push(`unknown scope "${scope}" (scopes: ${ALL_SCOPES.join(' ')})`)
  if (!AUTH_METHODS.includes(authMethod)) problems.push(`unknown authentication method "${authMethod}" (methods: ${AUTH_METHODS.join(', ')})`)

  if (grants.has('authorization_code')) {
    if (client.redirectUris.length === 0) problems.push('a client that signs people in needs at least one redirect URI')
    if (!scopes.has('openid')) problems.push('a client that signs people in needs the openid scope')
  } else {
    if (client.redirectUris.length > 0) problems.push('redirect URIs are only for clients with the authorization_code grant')
    const personal = [...scopes].filter(isOidcScope)
    if (personal.length > 0) problems.push(`scopes ${personal.join(' ')} need the authorization_code grant`)
  }
  if (grants.has('refresh_token') && !grants.has('authorization_code')) problems.push('the refresh_token grant needs the authorization_code grant')
  if (scopes.has('offline_access') && !grants.has('refresh_token')) problems.push('the offline_access scope needs the refresh_token grant')
  if ([...scopes].some(isApiScope) && !grants.has('client_credentials')) problems.push('API scopes need the client_credentials grant')
  if (client.trnRequirement === 'required' && !scopes.has('trn')) problems.push('a client that requires a TRN needs the trn scope')

  problems.push(...uriProblems('redirect URI', client.redirectUris, options.requireHttps))
  problems.push(...uriProblems('post-logout redirect URI', client.postLogoutRedirectUris ?? [], options.requireHttps))
  if (client.backchannelLogoutUri !== undefined) problems.push(...uriProblems('back-channel logout URI', [client.backchannelLogoutUri], options.requireHttps))
  if (client.jwksUri !== undefined) problems.push(...uriProblems('JWKS URI', [client.jwksUri], true))

  if (authMethod === 'private_key_jwt') {
    if (!client.jwks && !client.jwksUri) problems.push('private_key_jwt needs the client\'s public keys: a JWK Set or a JWKS URI')
    if (client.jwks && client.jwks.keys.some((key) => 'd' in key)) problems.push('the JWK Set must hold public keys only')
  } else if (client.jwks || client.jwksUri) {
    problems.push('public keys are only for clients authenticating with private_key_jwt')
  }
  return problems
}

/** Derives a readable client id from the name: "Register for an NPQ" becomes "register-for-an-npq-3fa9c2". */
function clientIdFor(name: string, random: RandomBytes): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'client'
  return `${slug.length < 3 ? `client-${slug}` : slug}-${random(3).toString('hex')}`
}

/**
 * Registers a client and returns its secret, which is shown only now: only its hash is stored.
 * A private_key_jwt client has no secret.
 */
export async function registerClient(
  db: Kysely<IdentitySchema>,
  clock: Clock,
  client: NewClient,
  options: { actor: string; requireHttps: boolean; random?: RandomBytes; secret?: string },
): Promise<{ clientId: string; clientSecret: string | null }> {
  const problems = registrationProblems(client, options)
  if (problems.length > 0) throw new ClientRegistrationError(problems)
  const random = options.random ?? randomBytes
  const clientId = client.clientId ?? clientIdFor(client.name, random)
  const authMethod = client.authMethod ?? 'client_secret_basic'
  const clientSecret = authMethod === 'private_key_jwt' ? null : (options.secret ?? generateClientSecret(random))
  const now = clock.now()
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('clients').select('client_id').where('client_id', '=', clientId).executeTakeFirst()
    if (existing) throw new ClientRegistrationError([`a client with the id "${clientId}" already exists`])
    await trx
      .insertInto('clients')
      .values({
        client_id: clientId,
        name: client.name.trim(),
        token_endpoint_auth_method: authMethod,
        secret_hash: clientSecret === null ? null : hashClientSecret(clientSecret),
        jwks: client.jwks ? JSON.stringify(client.jwks) : null,
        jwks_uri: client.jwksUri ?? null,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
        backchannel_logout_uri: client.backchannelLogoutUri ?? null,
        scopes: [...new Set(client.scopes)],
        grant_types: [...new Set(client.grantTypes)],
        trn_requirement: client.trnRequirement ?? 'optional',
        trn_match_policy: client.trnMatchPolicy ?? 'default',
        raise_trn_support_tickets: client.raiseTrnSupportTickets ?? false,
        block_prohibited_teachers: client.blockProhibitedTeachers ?? false,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await recordEvent(trx, {
      type: 'client_added',
      actor: options.actor,
      clientId,
      occurredAt: now,
      details: { ...client, clientId, jwks: client.jwks ? '(public keys)' : undefined },
    })
  })
  return { clientId, clientSecret }
}

/** Where active clients are read from: the table itself, or the per-process cache in front of it (client-cache.ts). */
export type ClientSource = Kysely<IdentitySchema> | ClientLookup

async function activeClient(source: ClientSource, clientId: string): Promise<ClientRow | undefined> {
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) return undefined
  return 'selectFrom' in source ? loadActiveClient(source, clientId) : source.find(clientId)
}

/** The client as oidc-provider's metadata. `client_secret` holds the secret's hash: see the provider's secret comparison. */
export function toClientMetadata(row: ClientRow): Record<string, unknown> {
  const oidcScopes = row.scopes.filter(isOidcScope)
  return {
    client_id: row.client_id,
    client_name: row.name,
    token_endpoint_auth_method: row.token_endpoint_auth_method,
    ...(row.secret_hash ? { client_secret: row.secret_hash } : {}),
    ...(row.jwks ? { jwks: row.jwks } : {}),
    ...(row.jwks_uri ? { jwks_uri: row.jwks_uri } : {}),
    grant_types: row.grant_types,
    response_types: row.grant_types.includes('authorization_code') ? ['code'] : [],
    redirect_uris: row.redirect_uris,
    post_logout_redirect_uris: row.post_logout_redirect_uris,
    ...(row.backchannel_logout_uri ? { backchannel_logout_uri: row.backchannel_logout_uri, backchannel_logout_session_required: true } : {}),
    ...(oidcScopes.length > 0 ? { scope: oidcScopes.join(' ') } : {}),
    api_scopes: row.scopes.filter(isApiScope).join(' '),
    trn_match_policy: row.trn_match_policy,
    trn_requirement: row.trn_requirement,
    block_prohibited_teachers: row.block_prohibited_teachers,
  }
}

export async function findClientMetadata(source: ClientSource, clientId: string): Promise<Record<string, unknown> | undefined> {
  const row = await activeClient(source, clientId)
  return row ? toClientMetadata(row) : undefined
}

export async function findClientSettings(source: ClientSource, clientId: string): Promise<ClientSettings | undefined> {
  const row = await activeClient(source, clientId)
  return row ? toClientSettings(row) : undefined
}

export function toClientSettings(row: ClientRow): ClientSettings {
  return {
    clientId: row.client_id,
    name: row.name,
    trnRequirement: row.trn_requirement,
    trnMatchPolicy: row.trn_match_policy,
    raiseTrnSupportTickets: row.raise_trn_support_tickets,
    blockProhibitedTeachers: row.block_prohibited_teachers,
  }
}
