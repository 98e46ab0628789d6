import express, { Router, type Express } from 'express'
import helmet from 'helmet'
import { Counter } from 'prom-client'
import type { Clock } from '../../../packages/kit/src/clock.ts'
import { apiErrorHandler } from '../../../packages/kit/src/http/api-errors.ts'
import { createMetrics, operationsRouter } from '../../../packages/kit/src/http/operations.ts'
import { requestLogging } from '../../../packages/kit/src/http/request-logging.ts'
import type { Logger } from '../../../packages/kit/src/logger.ts'
import type { IdentityConfig } from './config.ts'
import type { IdentityDatabase } from './database/schema.ts'
import { handoverCookie, SIGN_IN_PATH } from './interaction/handover-cookie.ts'
import { interactionRouter } from './interaction/routes.ts'
import { createSignInSeam, type SignInSeam } from './interaction/sign-in-seam.ts'
import { buildProvider } from './oidc/provider.ts'
import { createProviderHolder, type ProviderHolder } from './oidc/provider-holder.ts'
import { configuredKeyRing, storedKeyRing } from './signing-keys/key-ring.ts'

export type IdentityAppDependencies = {
  database: IdentityDatabase
  config: Pick<IdentityConfig, 'environment' | 'issuer' | 'cookieKeys' | 'signingKeys' | 'keyRotation' | 'allowPrivateCallbacks'>
  clock: Clock
  logger: Logger
  /** Builds the sign-in journey (mounted at /sign-in) from the seam it finishes sign-ins through. */
  signIn?: (seam: SignInSeam) => Router
  /** How often each instance re-reads the signing keys from the database. */
  keyRefreshIntervalMs?: number
}

export type IdentityApp = { app: Express; seam: SignInSeam; providers: ProviderHolder }

/** Until the sign-in journey exists, authorization requests stop here with a clear answer rather than a 404. */
function signInNotBuiltYet(): Router {
  const router = Router()
  router.use((_req, res) => {
    res.status(501).type('text').send('The sign-in journey is not available yet.\n')
  })
  return router
}

export async function createIdentityApp(dependencies: IdentityAppDependencies): Promise<IdentityApp> {
  const { database, config, clock, logger } = dependencies
  const db = database.db
  const metrics = createMetrics('identity')
  const oidcRequests = new Counter({
    name: 'identity_oidc_requests_total',
    help: 'OpenID Connect requests by oidc-provider route and status',
    labelNames: ['route', 'status'] as const,
    registers: [metrics.registry],
  })

  const keyRing = config.signingKeys
    ? configuredKeyRing(config.signingKeys)
    : storedKeyRing({ db, clock, rotation: config.keyRotation, refreshIntervalMs: dependencies.keyRefreshIntervalMs ?? 60_000 })
  const providers = createProviderHolder(keyRing, (keys) =>
    buildProvider({ issuer: config.issuer, cookieKeys: config.cookieKeys, allowPrivateCallbacks: config.allowPrivateCallbacks, db, clock, logger, oidcRequests }, keys),
  )
  // Fail at start, not on the first request, if the keys or the configuration are unusable.
  await providers.current()

  const handover = handoverCookie(config.cookieKeys)
  const seam = createSignInSeam({ providers, db, clock, handover })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', true)
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The form_post response mode submits a form to the client's own (registered) redirect URI.
          formAction: null,
          upgradeInsecureRequests: config.environment === 'production' ? [] : null,
        },
      },
    }),
  )
  app.use(requestLogging(logger))
  app.use(metrics.recordRequest)
  app.use(operationsRouter({ db, metrics }))
  app.use(interactionRouter({ providers, db, clock, handover }))
  app.use(SIGN_IN_PATH, dependencies.signIn ? dependencies.signIn(seam) : signInNotBuiltYet())
  // Discovery, JWKS, authorization, token, userinfo, introspection, revocation, sign-out: oidc-provider answers the rest.
  app.use(providers.handle)
  app.use(apiErrorHandler(logger))
  return { app, seam, providers }
}
