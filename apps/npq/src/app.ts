import { fileURLToPath } from 'node:url'
import type { Express, Router } from 'express'
import type { Clock } from '../../../packages/kit/src/clock.ts'
import { createMetrics, operationsRouter } from '../../../packages/kit/src/http/operations.ts'
import type { Logger } from '../../../packages/kit/src/logger.ts'
import { createWebApp } from '../../../packages/kit/src/web/app.ts'
import { accountRoutes } from './account/routes.ts'
import type { NpqConfig } from './config.ts'
import type { NpqDatabase } from './database/schema.ts'
import type { IdentityClient } from './sign-in/identity-client.ts'
import { backchannelLogoutRoutes } from './sign-in/backchannel-logout.ts'
import { signInRoutes } from './sign-in/routes.ts'
import { startRoutes } from './start/routes.ts'

export const SERVICE_NAME = 'Register for a national professional qualification'
export const SESSION_COOKIE = 'npq_session'

export type NpqAppDependencies = {
  database: NpqDatabase
  config: Pick<NpqConfig, 'environment' | 'baseUrl' | 'sessionSecrets' | 'identity'>
  clock: Clock
  logger: Logger
  identity: IdentityClient
  /** The registration questions, mounted at /registration. */
  registration?: Router
  /** Routes that need no session or CSRF token (webhooks), mounted before the pages. */
  apiRoutes?: Router
  /** Lists the local email outbox under this folder at /dev/emails (never in production). */
  localOutboxDir?: string
}

export function createNpqApp(dependencies: NpqAppDependencies): { app: Express } {
  const { database, config, clock, logger, identity } = dependencies
  const db = database.db
  const metrics = createMetrics('npq')
  const web = createWebApp({
    serviceName: SERVICE_NAME,
    templateFolders: [fileURLToPath(new URL('.', import.meta.url))],
    environment: config.environment,
    logger,
    clock,
    db,
    sessionSecrets: config.sessionSecrets,
    sessionCookieName: SESSION_COOKIE,
    // Signing in and out are redirects to the identity service, which a strict form-action would block.
    formActions: [new URL(config.identity.issuer).origin],
    ...(dependencies.localOutboxDir ? { localOutbox: { dataDir: dependencies.localOutboxDir } } : {}),
    beforePages(app) {
      app.use(metrics.recordRequest)
      app.use(operationsRouter({ db, metrics }))
      app.use(backchannelLogoutRoutes({ db, identity, logger }))
      if (dependencies.apiRoutes) app.use(dependencies.apiRoutes)
    },
    pages(app) {
      app.use((req, res, next) => {
        res.locals.navigation = req.session.user
          ? [
              { href: '/account', text: 'Your registrations', active: req.path.startsWith('/account') },
              { href: '/sign-out', text: 'Sign out' },
            ]
          : [{ href: '/sign-in?returnTo=%2Faccount', text: 'Sign in' }]
        next()
      })
      app.use(startRoutes({ db }))
      app.use(signInRoutes({ db, identity, clock, logger, baseUrl: config.baseUrl }))
      app.use(accountRoutes({ db }))
      if (dependencies.registration) app.use('/registration', dependencies.registration)
    },
  })
  return { app: web.app }
}
