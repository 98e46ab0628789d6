import express, { type Express } from 'express'
import type { Kysely } from 'kysely'
import type nunjucks from 'nunjucks'
import type { Clock } from '../clock.ts'
import { localOutboxRouter } from '../email/outbox-page.ts'
import { requestLogging } from '../http/request-logging.ts'
import type { Logger } from '../logger.ts'
import { staticAssets } from './assets.ts'
import { csrfProtection } from './csrf.ts'
import { pageErrorHandler, pageNotFound } from './errors.ts'
import { cspNonce, noStore, securityHeaders, type RandomBytes } from './security.ts'
import { createSessionStore, type KyselySessionStore, type SessionTables } from './session-store.ts'
import { sessions } from './sessions.ts'
import { createTemplates } from './templates.ts'

export type WebAppOptions<DB extends SessionTables> = {
  /** Shown in the header and page titles, e.g. "Get an identity to access Teacher Services". */
  serviceName: string
  serviceUrl?: string
  phase?: 'alpha' | 'beta' | null
  feedbackUrl?: string
  footerLinks?: Array<{ text: string; href: string }>
  /** The service's template folders, searched before the kit's and GOV.UK Frontend's. */
  templateFolders: string[]
  /** The service's own static files, served under `/assets/`. */
  assetFolders?: string[]
  environment: 'development' | 'test' | 'production'
  logger: Logger
  clock: Clock
  db: Kysely<DB>
  sessionSecrets: string[]
  /** e.g. `identity_session`; unique per service (see sessions.ts). */
  sessionCookieName: string
  sessionIdleTimeoutMinutes?: number
  /** Express's `trust proxy`: which proxies' X-Forwarded-* headers to believe. Private networks by default. */
  trustProxy?: boolean | number | string
  /** Other origins forms may post or redirect to (see securityHeaders). */
  formActions?: string[]
  maxFormBodySize?: string
  randomBytes?: RandomBytes
  /** Serves the local email outbox at `/dev/emails` (never in production). */
  localOutbox?: { dataDir: string }
  /**
   * Routes that need no session, CSRF or form parsing, mounted right after security headers and assets:
   * `/health`, `/metrics`, JSON APIs, an OIDC provider (which parses its own bodies).
   */
  beforePages?: (app: Express) => void
  /** The service's pages. They run with a session, CSRF protection, a parsed form body and `res.render`. */
  pages: (app: Express) => void
}

export type WebApp = { app: Express; templates: nunjucks.Environment; sessionStore: KyselySessionStore }

/**
 * An Express app with everything a GOV.UK service's pages stand on: GOV.UK Frontend templates and assets, a strict
 * nonce-based Content-Security-Policy, sessions in the database, CSRF protection, and GOV.UK error pages.
 */
export function createWebApp<DB extends SessionTables>(options: WebAppOptions<DB>): WebApp {
  const production = options.environment === 'production'
  const idleTimeoutMinutes = options.sessionIdleTimeoutMinutes ?? 60
  const templates = createTemplates({
    templateFolders: options.templateFolders,
    cache: options.environment !== 'development',
    globals: {
      serviceName: options.serviceName,
      serviceUrl: options.serviceUrl ?? '/',
      phase: options.phase === undefined ? 'beta' : options.phase,
      feedbackUrl: options.feedbackUrl,
      footerLinks: options.footerLinks ?? [],
    },
  })
  const sessionStore = createSessionStore({ db: options.db, clock: options.clock, idleTimeoutMs: idleTimeoutMinutes * 60_000, logger: options.logger })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', options.trustProxy ?? 'loopback, linklocal, uniquelocal')
  app.set('view engine', 'njk')
  templates.express(app)

  app.use(requestLogging(options.logger))
  app.use(cspNonce(options.randomBytes))
  app.use(securityHeaders({ production, formActions: options.formActions }))
  app.use(staticAssets({ serviceFolders: options.assetFolders }))
  options.beforePages?.(app)

  app.use(noStore)
  app.use(express.urlencoded({ extended: false, limit: options.maxFormBodySize ?? '100kb', parameterLimit: 200 }))
  app.use(sessions({ store: sessionStore, secrets: options.sessionSecrets, cookieName: options.sessionCookieName, production }))
  app.use(csrfProtection())
  if (options.localOutbox && !production) app.use('/dev/emails', localOutboxRouter(options.localOutbox))
  options.pages(app)

  app.use(pageNotFound)
  app.use(pageErrorHandler({ logger: options.logger, idleTimeoutMinutes }))
  return { app, templates, sessionStore }
}
