import { fileURLToPath } from 'node:url'
import { Router, type Express, type NextFunction, type Request, type Response } from 'express'
import type nunjucks from 'nunjucks'
import { Counter } from 'prom-client'
import type { Clock } from '../../../packages/kit/src/clock.ts'
import { createMetrics, operationsRouter } from '../../../packages/kit/src/http/operations.ts'
import type { Logger } from '../../../packages/kit/src/logger.ts'
import { createWebApp } from '../../../packages/kit/src/web/app.ts'
import { ensureAccountClient } from './account/account-client.ts'
import { accountRoutes } from './account/routes.ts'
import { ADMIN_PATH } from './admin/router.ts'
import { API_PATH, identityApiRouter } from './api/router.ts'
import { createClientCache, loadActiveClient, type ClientLookup } from './clients/client-cache.ts'
import type { IdentityConfig } from './config.ts'
import { setFormActions } from './content-security-policy.ts'
import type { IdentityDatabase } from './database/schema.ts'
import { demoRoutes, type DemoClient } from './demo/routes.ts'
import { handoverCookie, SIGN_IN_PATH } from './interaction/handover-cookie.ts'
import { interactionRouter } from './interaction/routes.ts'
import { createSignInSeam, type SignInSeam } from './interaction/sign-in-seam.ts'
import { buildProvider } from './oidc/provider.ts'
import { createProviderHolder, type ProviderHolder } from './oidc/provider-holder.ts'
import { govukSignOutPages } from './sign-out/pages.ts'
import { configuredKeyRing, storedKeyRing } from './signing-keys/key-ring.ts'
import type { RecordsClient } from './teaching-records/records-client.ts'
import { addIdentityFilters } from './template-filters.ts'

export const SERVICE_NAME = 'DfE Identity account'
/** The session cookie of the pages; oidc-provider's own cookies are named in oidc/provider.ts. */
export const SESSION_COOKIE = 'identity_session'

export type IdentityAppDependencies = {
  database: IdentityDatabase
  config: Pick<IdentityConfig, 'environment' | 'issuer' | 'cookieKeys' | 'signingKeys' | 'keyRotation' | 'allowPrivateCallbacks'>
  clock: Clock
  logger: Logger
  /** Builds the sign-in journey (mounted at /sign-in) from the seam it finishes sign-ins through. */
  signIn?: (seam: SignInSeam) => Router
  /** How often each instance re-reads the signing keys from the database. */
  keyRefreshIntervalMs?: number
  /** Lists the local email outbox under this folder at /dev/emails (never in production). */
  localOutboxDir?: string
  /** The support console, mounted at /admin. */
  admin?: Router
  /** A relying party at /demo that signs in with this client and shows the claims (never in production). */
  demo?: DemoClient
  /**
   * The teaching record service, asked whether a browser signed in already may go straight on to a client that blocks
   * prohibited teachers; without it, such a client always sends the person through the journey.
   */
  records?: Pick<RecordsClient, 'getRecord'>
}

export type IdentityApp = { app: Express; seam: SignInSeam; providers: ProviderHolder; clients: ClientLookup }

/** Until the sign-in journey exists, authorization requests stop here with a clear answer rather than a 404. */
function signInNotBuiltYet(): Router {
  const router = Router()
  router.use((_req, res) => {
    res.status(501).type('text').send('The sign-in journey is not available yet.\n')
  })
  return router
}

/** Everything oidc-provider answers: discovery, JWKS, authorization, token, userinfo, sign-out... */
const PROVIDER_PATHS = /^\/(connect|\.well-known)(\/|$)/

export async function createIdentityApp(dependencies: IdentityAppDependencies): Promise<IdentityApp> {
  const { database, config, clock, logger } = dependencies
  const db = database.db
  const production = config.environment === 'production'
  const metrics = createMetrics('identity')
  const oidcRequests = new Counter({
    name: 'identity_oidc_requests_total',
    help: 'OpenID Connect requests by oidc-provider route and status',
    labelNames: ['route', 'status'] as const,
    registers: [metrics.registry],
  })

  // Shared by every provider built (one per key set) and the journey's seam; closing the database stops its listening.
  const clients = await createClientCache({ load: (clientId) => loadActiveClient(db, clientId), clock, listen: (channel, listener) => database.listen(channel, listener) })
  const keyRing = config.signingKeys
    ? configuredKeyRing(config.signingKeys)
    : storedKeyRing({ db, clock, rotation: config.keyRotation, refreshIntervalMs: dependencies.keyRefreshIntervalMs ?? 60_000 })
  // The pages' templates exist once the web app does (below); the sign-out pages only render on requests, after that.
  const pages: { templates?: nunjucks.Environment } = {}
  const signOutPages = govukSignOutPages(() => pages.templates as nunjucks.Environment)
  const handover = handoverCookie(config.cookieKeys)
  const providers = createProviderHolder(keyRing, (keys) =>
    buildProvider(
      { issuer: config.issuer, cookieKeys: config.cookieKeys, allowPrivateCallbacks: config.allowPrivateCallbacks, db, clients, clock, logger, oidcRequests, signOutPages, handover, records: dependencies.records },
      keys,
    ),
  )
  // Fail at start, not on the first request, if the keys or the configuration are unusable.
  await providers.current()
  await ensureAccountClient(db, clock, { issuer: config.issuer, requireHttps: production })

  const seam = createSignInSeam({ providers, db, clients, clock, handover })

  const web = createWebApp({
    serviceName: SERVICE_NAME,
    templateFolders: [fileURLToPath(new URL('.', import.meta.url))],
    environment: config.environment,
    logger,
    clock,
    db,
    sessionSecrets: config.cookieKeys,
    sessionCookieName: SESSION_COOKIE,
    // Longer than a journey (2 hours), so a journey that has run out is reported as such, with a way back to its service.
    sessionIdleTimeoutMinutes: 180,
    ...(dependencies.localOutboxDir ? { localOutbox: { dataDir: dependencies.localOutboxDir } } : {}),
    beforePages(app) {
      app.use(metrics.recordRequest)
      // First, as the busiest routes (token, userinfo): nothing after this is on their way.
      app.use((req: Request, res: Response, next: NextFunction) => {
        if (!PROVIDER_PATHS.test(req.path)) return next()
        // The form_post response mode and the sign-out confirmation post to, or redirect to, a client's own URIs.
        setFormActions(res, 'any')
        providers.handle(req, res, next)
      })
      app.use(operationsRouter({ db, metrics }))
      app.use(interactionRouter({ providers, db, clock }))
      app.use(API_PATH, identityApiRouter({ db, clock, logger, issuer: config.issuer, keys: keyRing }))
    },
    pages(app) {
      app.use(SIGN_IN_PATH, dependencies.signIn ? dependencies.signIn(seam) : signInNotBuiltYet())
      app.use(accountRoutes({ db, providers, issuer: config.issuer, demoAvailable: dependencies.demo !== undefined && !production }))
      if (dependencies.admin) app.use(ADMIN_PATH, dependencies.admin)
      if (dependencies.demo && !production) app.use('/demo', demoRoutes({ issuer: config.issuer, client: dependencies.demo, logger }))
      app.get('/', (_req, res) => res.redirect('/account'))
    },
  })
  pages.templates = web.templates
  addIdentityFilters(web.templates)
  return { app: web.app, seam, providers, clients }
}
