import { systemClock } from '../../../packages/kit/src/clock.ts'
import { failedToStart } from '../../../packages/kit/src/config.ts'
import { createEmailSender } from '../../../packages/kit/src/email/configure.ts'
import { EMAIL_JOB, emailJobHandler } from '../../../packages/kit/src/email/email-outbox.ts'
import { listen, stopGracefully } from '../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../packages/kit/src/outbox/worker.ts'
import { adminRouter } from './admin/router.ts'
import { createAdminRecords } from './admin/shared/records.ts'
import { seedDemoStaff } from './admin/staff/staff-users.ts'
import { createIdentityApp } from './app.ts'
import { DEMO_CLIENT_ID, DEMO_CLIENTS, seedDemoClients } from './clients/demo-clients.ts'
import { loadIdentityConfig } from './config.ts'
import { openIdentityDatabase } from './database/open.ts'
import { SERVICE_EMAILS } from './emails.ts'
import { pruneExpiredPayloads } from './oidc/adapter.ts'
import { createJourneyStore } from './sign-in/journey-store.ts'
import { createSignInJourney } from './sign-in/router.ts'
import { createZendeskTickets } from './support-tickets/zendesk-client.ts'
import { ticketDestination } from './support-tickets/support-tickets.ts'
import { zendeskJobHandlers } from './support-tickets/zendesk-jobs.ts'
import { loadZendeskSettings } from './support-tickets/zendesk-settings.ts'
import { createRecordsClient } from './teaching-records/records-client.ts'
import { pruneFinishedDeliveries, webhookDeliveryJobHandler } from './webhooks/delivery.ts'
import { seedDemoWebhookSubscriptions } from './webhooks/demo-subscriptions.ts'
import { WEBHOOK_DELIVERY_JOB } from './webhooks/publish.ts'

const PRUNE_EVERY_MS = 10 * 60 * 1000

async function main() {
  const config = loadIdentityConfig(process.env)
  const zendeskSettings = loadZendeskSettings(process.env)
  const logger = createLogger({ name: 'identity', level: config.logLevel })
  // Before the database: a missing Notify template id must stop the start, not the first email.
  const emailSender = createEmailSender({
    service: 'identity',
    templates: SERVICE_EMAILS,
    dataDir: config.dataDir,
    clock: systemClock,
    notify: { apiKey: config.notifyApiKey, templateIds: config.notifyTemplateIds, variablePrefix: 'IDENTITY_' },
  })
  const { database, applied } = await openIdentityDatabase(config)
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
  const development = config.environment === 'development'
  if (development) {
    const added = await seedDemoClients(database.db, systemClock, { issuer: config.issuer })
    if (added.length > 0) logger.info({ clients: added }, 'registered the demo clients (their development secrets are in apps/identity/README.md)')
    const staff = await seedDemoStaff(database.db, systemClock)
    if (staff.length > 0) logger.info({ staff }, 'added the demo staff accounts (sign in at /admin)')
    const npq = DEMO_CLIENTS.find((client) => client.clientId !== DEMO_CLIENT_ID)
    const npqBaseUrl = npq?.redirectUris[0] ? new URL(npq.redirectUris[0]).origin : undefined
    if (npq && npqBaseUrl && (await seedDemoWebhookSubscriptions(database.db, systemClock, { npqClientId: npq.clientId, npqBaseUrl }))) {
      logger.info('subscribed the demo NPQ service to user webhooks')
    }
  }
  if (config.fixedEmailCode) logger.warn('IDENTITY_FIXED_EMAIL_CODE is set: every email code is the same fixed code (tests and benchmarks only)')

  const demoSecret = DEMO_CLIENTS.find((client) => client.clientId === DEMO_CLIENT_ID)?.secret
  // Staff and teachers get the same codes, hashed with the same key, under the same limits.
  const codes = { secret: config.cookieKeys[0] as string, fixedCode: config.fixedEmailCode }
  const records = createRecordsClient({ baseUrl: config.records.url, apiKey: config.records.apiKey })
  const { app } = await createIdentityApp({
    database,
    config,
    clock: systemClock,
    logger,
    admin: adminRouter({
      db: database.db,
      clock: systemClock,
      logger,
      records: createAdminRecords({ baseUrl: config.records.url, apiKey: config.records.apiKey }),
      codes,
      limits: config.limits,
      pool: database.pool,
      environment: config.environment,
    }),
    signIn: createSignInJourney({
      db: database.db,
      clock: systemClock,
      logger,
      records,
      codes,
      limits: config.limits,
      pool: database.pool,
      ticketDestination: ticketDestination(zendeskSettings),
    }),
    records,
    localOutboxDir: config.dataDir,
    ...(development && demoSecret ? { demo: { clientId: DEMO_CLIENT_ID, clientSecret: demoSecret } } : {}),
  })
  const server = await listen(app, config.port)
  logger.info(
    { port: server.port, database: database.engine, issuer: config.issuer, signingKeys: config.signingKeys ? 'configuration' : 'database', email: emailSender.name },
    `identity provider listening on http://localhost:${server.port} (discovery: ${config.issuer}/.well-known/openid-configuration)`,
  )
  if (development) logger.info(`try signing in at ${config.issuer}/demo; emails are listed at ${config.issuer}/dev/emails`)

  const worker = createOutboxWorker({
    db: database.db,
    clock: systemClock,
    logger,
    handlers: {
      [EMAIL_JOB]: emailJobHandler({ db: database.db, sender: emailSender, clock: systemClock }),
      [WEBHOOK_DELIVERY_JOB]: webhookDeliveryJobHandler({ db: database.db, clock: systemClock, fetch, logger }),
      ...(zendeskSettings ? zendeskJobHandlers({ db: database.db, zendesk: createZendeskTickets(zendeskSettings), clock: systemClock }) : {}),
    },
  })
  worker.start()

  const journeys = createJourneyStore({ db: database.db, clock: systemClock })
  const pruning = setInterval(() => {
    pruneExpiredPayloads(database.db, systemClock).catch((error: unknown) => logger.warn({ err: error }, 'could not prune expired oidc payloads'))
    journeys.prune().catch((error: unknown) => logger.warn({ err: error }, 'could not prune expired sign-in journeys'))
    pruneFinishedDeliveries(database.db, systemClock).catch((error: unknown) => logger.warn({ err: error }, 'could not prune finished webhook deliveries'))
  }, PRUNE_EVERY_MS)
  pruning.unref()

  stopGracefully({ logger, steps: [server.stop, worker.stop, async () => clearInterval(pruning), database.close] })
}

main().catch(failedToStart)
