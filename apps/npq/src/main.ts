import { systemClock } from '../../../packages/kit/src/clock.ts'
import { failedToStart } from '../../../packages/kit/src/config.ts'
import { createEmailSender } from '../../../packages/kit/src/email/configure.ts'
import { EMAIL_JOB, emailJobHandler } from '../../../packages/kit/src/email/email-outbox.ts'
import { listen, stopGracefully } from '../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../packages/kit/src/outbox/worker.ts'
import { createNpqApp } from './app.ts'
import { loadNpqConfig } from './config.ts'
import { openNpqDatabase } from './database/open.ts'
import { NPQ_EMAILS } from './emails.ts'
import { identityWebhooksRouter } from './identity-webhooks/routes.ts'
import { IDENTITY_WEBHOOK_JOB, identityWebhookJobHandler } from './identity-webhooks/worker.ts'
import { registrationRouter } from './registration/routes.ts'
import { seedReferenceData } from './seed/seed-reference-data.ts'
import { createIdentityClient } from './sign-in/identity-client.ts'

async function main() {
  const config = loadNpqConfig(process.env)
  const logger = createLogger({ name: 'npq', level: config.logLevel })
  // Before the database: a missing Notify template id must stop the start, not the first email.
  const emailSender = createEmailSender({
    service: 'npq',
    templates: NPQ_EMAILS,
    dataDir: config.dataDir,
    clock: systemClock,
    notify: { apiKey: config.notifyApiKey, templateIds: config.notifyTemplateIds, variablePrefix: 'NPQ_' },
  })
  const { database, applied } = await openNpqDatabase(config)
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
  const development = config.environment === 'development'
  if (development) {
    const seeded = await seedReferenceData(database.db)
    logger.info({ seeded }, 'demo reference data (courses, cohorts, providers, establishments, eligibility lists) in place')
  }

  const identity = createIdentityClient({
    issuer: config.identity.issuer,
    clientId: config.identity.clientId,
    clientSecret: config.identity.clientSecret,
    baseUrl: config.baseUrl,
    allowHttp: config.environment !== 'production',
  })
  const { app } = createNpqApp({
    database,
    config,
    clock: systemClock,
    logger,
    identity,
    registration: registrationRouter({ db: database.db, clock: systemClock, baseUrl: config.baseUrl, logger }),
    apiRoutes: identityWebhooksRouter({ db: database.db, secrets: config.identity.webhookSecrets, clock: systemClock, logger }),
    ...(development ? { localOutboxDir: config.dataDir } : {}),
  })
  const server = await listen(app, config.port)
  logger.info({ port: server.port, database: database.engine, identity: config.identity.issuer, email: emailSender.name }, `Register for an NPQ listening on ${config.baseUrl}`)

  const worker = createOutboxWorker({
    db: database.db,
    clock: systemClock,
    logger,
    handlers: {
      [EMAIL_JOB]: emailJobHandler({ db: database.db, sender: emailSender, clock: systemClock }),
      [IDENTITY_WEBHOOK_JOB]: identityWebhookJobHandler({ db: database.db, clock: systemClock }),
    },
  })
  worker.start()
  stopGracefully({ logger, steps: [server.stop, worker.stop, database.close] })
}

main().catch(failedToStart)
