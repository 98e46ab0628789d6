import type { Kysely } from 'kysely'
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import type { Counter } from 'prom-client'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { ClientSource } from '../clients/clients.ts'
import { clientSecretMatches } from '../clients/secrets.ts'
import type { IdentitySchema, TrnMatchPolicy } from '../database/schema.ts'
import { grantImplicitConsent } from '../interaction/consent.ts'
import { HANDOVER_COOKIE, handoverCookieOptions, SIGN_IN_PATH, type HandoverCookie } from '../interaction/handover-cookie.ts'
import type { PrivateJwk } from '../signing-keys/keys.ts'
import type { RecordsClient } from '../teaching-records/records-client.ts'
import { claimsFor, trnQuestionsFor, type ClaimSource } from '../users/claims.ts'
import { mayGoStraightOn, type ServiceRules } from '../users/service-access.ts'
import { findClaimSource } from '../users/users.ts'
import { createAdapterFactory, flushUnit } from './adapter.ts'
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts'
import { accountKey, currentUnit, newUnit, withUnit, type RequestUnit } from './request-unit.ts'
import { CLAIMS_BY_SCOPE, identityApiResource, isApiScope, OIDC_SCOPES } from './scopes.ts'

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Lifetimes in seconds. Changing a JWT lifetime beyond a week needs RETIRED_KEY_RETENTION_MS changed too. */
export const TOKEN_LIFETIMES = {
  AuthorizationCode: MINUTE,
  AccessToken: HOUR,
  ClientCredentials: HOUR,
  IdToken: HOUR,
  // Refresh tokens also end with the browser session unless the client asked for offline_access (with prompt=consent).
  RefreshToken: 14 * DAY,
  // A grant outlives its refresh tokens' rotations: once it expires, the person signs in again.
  Grant: 14 * DAY,
  // The sign-in journey (email, code, personal details, TRN) must fit in here.
  Interaction: 2 * HOUR,
  // A working day; the session cookie itself is dropped when the browser closes (shared staff-room computers).
  Session: 8 * HOUR,
} as const

const ASYMMETRIC_SIGNING_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA']

// `identity_session` is the pages' own session (app.ts); oidc-provider's session is the single sign-on one.
export const COOKIE_NAMES = { session: 'identity_oidc_session', interaction: 'identity_interaction', resume: 'identity_resume' }

export const ROUTES = {
  authorization: '/connect/authorize',
  token: '/connect/token',
  userinfo: '/connect/userinfo',
  jwks: '/.well-known/jwks.json',
  end_session: '/connect/signout',
  introspection: '/connect/introspect',
  revocation: '/connect/revoke',
  pushed_authorization_request: '/connect/par',
} as const

export type ProviderOptions = {
  issuer: string
  cookieKeys: string[]
  /** Let back-channel logout and jwks_uri requests reach loopback and private addresses (development, internal networks). */
  allowPrivateCallbacks: boolean
  db: Kysely<IdentitySchema>
  /** Where clients are read from (the cache in front of the table, see clients/client-cache.ts); the table itself otherwise. */
  clients?: ClientSource
  clock: Clock
  logger: Logger
  oidcRequests?: Counter<'route' | 'status'>
  /** GOV.UK versions of the sign-out confirmation and signed-out pages (the plain ones in pages.ts otherwise). */
  signOutPages?: SignOutPages
  /** Binds a browser that must sign in to the journey it is sent to. */
  handover: HandoverCookie
  /**
   * Asked whether a browser signed in already may go straight on to a client that blocks prohibited teachers; without
   * it, such a client always sends the person through the journey.
   */
  records?: Pick<RecordsClient, 'getRecord'>
}

export type SignOutPages = {
  logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void>
  postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void>
}

type ClientExtras = { api_scopes?: unknown; trn_match_policy?: unknown; trn_requirement?: unknown; block_prohibited_teachers?: unknown }

/**
 * The protocol as clients see it: routes, cookies, scopes and claims, PKCE, client authentication, token formats
 * and lifetimes, refresh rotation and the identity API resource. bench:identity builds its bare, in-memory
 * oidc-provider from these same settings, so the comparison measures storage and plumbing, not different rules.
 */
export function protocolSettings(issuer: string) {
  const identityApi = identityApiResource(issuer)
  const settings = {
    routes: ROUTES,
    scopes: [...OIDC_SCOPES],
    claims: Object.fromEntries(Object.entries(CLAIMS_BY_SCOPE).map(([scope, claims]) => [scope, [...claims]])),
    // Clients get the claims of their scopes in the ID token itself, as they did from the service we replace.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    // Secrets are stored hashed, so only methods that never use the secret as a key.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    enabledJWA: {
      clientAuthSigningAlgValues: ASYMMETRIC_SIGNING_ALGS as never,
      requestObjectSigningAlgValues: ASYMMETRIC_SIGNING_ALGS as never,
      idTokenSigningAlgValues: ['RS256'],
    },
    ttl: { ...TOKEN_LIFETIMES },
    rotateRefreshToken: true,
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: interactionPolicy.base() },
  } satisfies Configuration
  const cookies = {
    names: COOKIE_NAMES,
    long: { httpOnly: true, sameSite: 'lax' },
    short: { httpOnly: true, sameSite: 'lax' },
  } satisfies Omit<NonNullable<Configuration['cookies']>, 'keys'>
  const resourceIndicators = {
    enabled: true,
    // Service-to-service tokens are for the identity API unless the client names another resource.
    defaultResource: async (ctx, _client, oneOf) => {
      if (oneOf) return oneOf
      return ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials' ? identityApi : undefined
    },
    useGrantedResource: async () => false,
    getResourceServerInfo: async (ctx, indicator, client) => {
      if (indicator !== identityApi) throw new errors.InvalidTarget('unknown resource indicator')
      const allowed = String((client as unknown as ClientExtras).api_scopes ?? '').split(' ').filter(Boolean)
      const requested = String(ctx.oidc.params?.scope ?? '').split(' ').filter(isApiScope)
      const refused = requested.find((scope) => !allowed.includes(scope))
      if (refused) throw new errors.InvalidScope('requested scope is not allowed', refused)
      if (allowed.length === 0) throw new errors.InvalidTarget('this client may not call the identity API')
      return { scope: allowed.join(' '), audience: identityApi, accessTokenTTL: TOKEN_LIFETIMES.ClientCredentials, accessTokenFormat: 'jwt' }
    },
  } satisfies NonNullable<Configuration['features']>['resourceIndicators']
  return { settings, cookies, resourceIndicators }
}

/**
 * The OpenID Connect provider, configured for Teacher Services. Built again whenever the signing keys change
 * (oidc-provider reads `jwks` once); everything else it needs between requests is in the database.
 */
export function buildProvider(options: ProviderOptions, keys: PrivateJwk[]): Provider {
  const { db, clock, logger } = options
  const protocol = protocolSettings(options.issuer)

  const configuration: Configuration = {
    ...protocol.settings,
    interactions: { url: handToJourney(options.handover, clock), policy: promptsWithAccountChecks(options.records) },
    adapter: createAdapterFactory({ db, clock, clients: options.clients }),
    jwks: { keys: keys as unknown as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: options.cookieKeys, ...protocol.cookies },
    extraClientMetadata: { properties: ['api_scopes', 'trn_match_policy', 'trn_requirement', 'block_prohibited_teachers'] },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A client learns about its own tokens only; an API verifies the JWTs issued for it with the JWKS instead.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, ...(options.signOutPages ?? { logoutSource, postLogoutSuccessSource }) },
      backchannelLogout: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: protocol.resourceIndicators,
    },
    loadExistingGrant: async (ctx) => loadImplicitGrant(ctx, { db, clock }),
    findAccount: async (ctx, sub) => {
      const user = await accountFor(sub, () => findClaimSource(db, sub))
      if (!user) return undefined
      const policy = matchPolicyOf(ctx.oidc.client)
      return { accountId: user.sub, claims: async () => claimsFor(user, policy), person: user }
    },
    renderError: async (ctx, output) => renderError(ctx, output),
    fetch: options.allowPrivateCallbacks
      ? (url, init) => {
          // oidc-provider's dispatcher refuses loopback and private addresses; the NPQ service is on localhost in development.
          const { dispatcher: _refusesPrivateAddresses, ...rest } = init as RequestInit & { dispatcher?: unknown }
          return fetch(url, rest)
        }
      : (url, init) => fetch(url, init),
  }

  const provider = new Provider(options.issuer, configuration)
  provider.proxy = true

  // The stored `client_secret` is the secret's hash: compare hashes, never the secret itself (see clients/secrets.ts).
  const clientPrototype = provider.Client.prototype as unknown as { compareClientSecret(presented: string): Promise<boolean>; clientSecret?: string }
  clientPrototype.compareClientSecret = async function compareHashed(this: { clientSecret?: string }, presented: string) {
    return clientSecretMatches(presented, this.clientSecret)
  }

  if (options.oidcRequests) {
    const counter = options.oidcRequests
    provider.use(async (ctx, next) => {
      try {
        await next()
      } finally {
        counter.inc({ route: (ctx as KoaContextWithOIDC).oidc?.route ?? 'unmatched', status: String(ctx.status) })
      }
    })
  }
  // Inside the counter, so it counts the status a failed write turns the response into.
  provider.use(async (ctx, next) => {
    const unit = newUnit()
    try {
      await withUnit(unit, next)
    } finally {
      await flushBeforeResponding(provider, ctx as KoaContextWithOIDC, unit, { db, clock })
    }
  })

  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'oidc-provider server error'))
  provider.on('backchannel.error', (_ctx, error, client) =>
    logger.warn({ clientId: client.clientId, reason: error.message }, 'back-channel logout could not be delivered'),
  )
  for (const event of ['authorization.error', 'grant.error', 'introspection.error', 'revocation.error', 'userinfo.error', 'end_session.error'] as const) {
    provider.on(event as 'grant.error', (ctx, error) =>
      logger.info({ route: ctx.oidc?.route, clientId: ctx.oidc?.client?.clientId, error: error.error, description: error.error_description }, 'oidc request refused'),
    )
  }
  return provider
}

/**
 * Where the authorization request sends a browser that needs the person: a login goes straight to the sign-in journey,
 * with the interaction's uid listed in the hand-over cookie of this very response (the browser that made the request is
 * the one that gets it), which saves the hop through /interaction/<uid>. Consent still goes there (interaction/routes.ts).
 */
function handToJourney(handover: HandoverCookie, clock: Clock) {
  return async (ctx: KoaContextWithOIDC, interaction: { uid: string; exp: number; prompt: { name: string } }) => {
    if (interaction.prompt.name !== 'login') return `/interaction/${interaction.uid}`
    const maxAge = interaction.exp * 1000 - clock.now().getTime()
    ctx.cookies.set(HANDOVER_COOKIE, handover.valueWith(ctx.get('cookie'), interaction.uid), { ...handoverCookieOptions(ctx.secure), maxAge, signed: false, overwrite: true })
    return `${SIGN_IN_PATH}?interaction=${encodeURIComponent(interaction.uid)}`
  }
}

/**
 * The request's writes go to the database before its response leaves (see request-unit.ts). When they cannot (a code
 * or refresh token used by another request meanwhile, or the database failing), the client gets the error instead of
 * what the request prepared: no code, token or session it was about to be given exists.
 */
async function flushBeforeResponding(provider: Provider, ctx: KoaContextWithOIDC, unit: RequestUnit, options: { db: Kysely<IdentitySchema>; clock: Clock }) {
  try {
    await flushUnit(unit, options)
  } catch (error) {
    const refused = error instanceof errors.InvalidGrant
    if (refused) provider.emit('grant.error', ctx, error)
    else provider.emit('server_error', ctx, error as Error)
    ctx.remove('location')
    ctx.set('cache-control', 'no-store')
    ctx.status = refused ? 400 : 500
    ctx.body = refused
      ? { error: error.error, error_description: error.error_description }
      : { error: 'server_error', error_description: 'oops! something went wrong' }
  }
}

/**
 * oidc-provider's prompts, with more reasons to sign in (through the journey) when a browser is signed in already:
 *
 * - its session is for an account that is no longer anyone's (merged into another, users/users.ts `liveUsers`);
 *   without this the provider would go on to consent for nobody;
 * - the client asks for `trn` and the account still has questions to answer for it (`trnQuestionsFor`): the record
 *   questions, or the TRN verification a strict client needs;
 * - the journey would not let the person straight on to this client (`mayGoStraightOn`): it needs a TRN they have not
 *   got, or blocks prohibited teachers and their record has an open prohibition or cannot be checked now. The journey's
 *   pages then say why, and a blocked person's client gets access_denied.
 *
 * None of them asks again on the way back from a journey that has just signed the person in: it asked, whatever the
 * answers were.
 */
function promptsWithAccountChecks(records: Pick<RecordsClient, 'getRecord'> | undefined) {
  const policy = interactionPolicy.base()
  const { Check } = interactionPolicy
  const personOf = (ctx: KoaContextWithOIDC) => (ctx.oidc.result?.login ? undefined : (ctx.oidc.account as { person?: ClaimSource } | undefined)?.person)
  const trnRequestOf = (ctx: KoaContextWithOIDC) => ({ asksForTrn: ctx.oidc.requestParamScopes.has('trn'), matchPolicy: matchPolicyOf(ctx.oidc.client) })
  const login = policy.get('login')
  login?.checks.add(
    new Check('account_not_found', 'The account of this session no longer exists', 'login_required', (ctx) =>
      ctx.oidc.session?.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  )
  login?.checks.add(
    new Check('trn_questions', 'The client asks for a teaching record this account has not been asked about', 'login_required', (ctx) => {
      const person = personOf(ctx)
      if (!person || !ctx.oidc.requestParamScopes.has('trn')) return Check.NO_NEED_TO_PROMPT
      return trnQuestionsFor(person, matchPolicyOf(ctx.oidc.client)) ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT
    }),
  )
  login?.checks.add(
    new Check('service_rules', 'The client does not let this person straight on: the sign-in journey says why', 'login_required', async (ctx) => {
      const person = personOf(ctx)
      if (!person) return Check.NO_NEED_TO_PROMPT
      return (await mayGoStraightOn(records, serviceRulesOf(ctx.oidc.client), trnRequestOf(ctx), person)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT
    }),
  )
  return policy
}

const matchPolicyOf = (client: unknown): TrnMatchPolicy => ((client as ClientExtras | undefined)?.trn_match_policy === 'strict' ? 'strict' : 'default')

const serviceRulesOf = (client: unknown): ServiceRules => ({
  trnRequired: (client as ClientExtras | undefined)?.trn_requirement === 'required',
  blockProhibitedTeachers: (client as ClientExtras | undefined)?.block_prohibited_teachers === true,
})

/** The person's claims: read along with their token in this request (adapter.ts), or looked up now and kept for it. */
async function accountFor(sub: string, load: () => Promise<ClaimSource | undefined>): Promise<ClaimSource | undefined> {
  const unit = currentUnit()
  const key = accountKey(sub)
  if (unit?.reads.has(key)) return (unit.reads.get(key) as ClaimSource | null) ?? undefined
  const user = await load()
  unit?.reads.set(key, user ?? null)
  return user
}

/** The grant behind implicit consent: oidc-provider asks for it before deciding whether to prompt for consent. */
async function loadImplicitGrant(ctx: KoaContextWithOIDC, options: { db: Kysely<IdentitySchema>; clock: Clock }) {
  const { client, session } = ctx.oidc
  const accountId = session?.accountId
  if (!client || !accountId) return undefined
  const resourceScopes: Record<string, string[]> = {}
  for (const [indicator, resourceServer] of Object.entries(ctx.oidc.resourceServers ?? {})) {
    resourceScopes[indicator] = [...ctx.oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope))
  }
  return grantImplicitConsent(
    ctx.oidc.provider,
    {
      accountId,
      clientId: client.clientId,
      grantId: ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId),
      oidcScopes: [...ctx.oidc.requestParamOIDCScopes],
      resourceScopes,
    },
    options,
  )
}
