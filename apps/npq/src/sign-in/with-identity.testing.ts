import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { systemClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { EMAIL_JOB, emailJobHandler } from '../../../../packages/kit/src/email/email-outbox.ts'
import { createLocalOutboxSender, readLocalOutbox, type LocalOutboxEmail } from '../../../../packages/kit/src/email/local-outbox.ts'
import { listen, type RunningServer } from '../../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { createBrowser, type TestBrowser } from '../../../identity/src/testing/browser.ts'
import { startTestIdentity, type TestIdentity } from '../../../identity/src/testing/test-identity.ts'
import { webhookDeliveryJobHandler } from '../../../identity/src/webhooks/delivery.ts'
import { WEBHOOK_DELIVERY_JOB } from '../../../identity/src/webhooks/publish.ts'
import { createSubscription } from '../../../identity/src/webhooks/subscriptions.ts'
import { createNpqApp, type NpqAppDependencies } from '../app.ts'
import { NPQ_MIGRATIONS, type NpqSchema } from '../database/schema.ts'
import { NPQ_EMAILS } from '../emails.ts'
import { IDENTITY_WEBHOOK_PATH, identityWebhooksRouter } from '../identity-webhooks/routes.ts'
import { IDENTITY_WEBHOOK_JOB, identityWebhookJobHandler } from '../identity-webhooks/worker.ts'
import { registrationRouter } from '../registration/routes.ts'
import { seedReferenceData } from '../seed/seed-reference-data.ts'
import { createIdentityClient } from './identity-client.ts'

export type NpqWithIdentity = {
  identity: TestIdentity
  npq: { url: string; database: TestDatabase<NpqSchema> }
  /** A browser that keeps cookies and follows redirects between the two services. */
  browser(): TestBrowser
  /**
   * Sends the NPQ service's queued emails as it does without a Notify key: into a local outbox of this test's own,
   * listed at /dev/emails. Returns the outbox, newest first.
   */
  deliverEmails(): Promise<LocalOutboxEmail[]>
  /**
   * With `webhooks`: runs the identity service's outbox worker for webhook deliveries (to this NPQ service), then the
   * NPQ service's worker that applies the messages received, each until nothing is due. Returns how many messages the
   * NPQ service applied.
   */
  deliverWebhooks(): Promise<number>
  close(): Promise<void>
}

export type NpqWithIdentityOptions = {
  /** The NPQ service's clock (the identity service keeps its own). */
  clock?: Clock
  extend?: (dependencies: NpqAppDependencies) => NpqAppDependencies
  /**
   * An identity service already running, to sign in through instead of a new one with the stand-in sign-in page:
   * startSignInTest's, say, with the real sign-in journey and records service. Its owner closes it.
   */
  identity?: TestIdentity
  /** Mounts the registration questions over the demo reference data, as `npm start` runs the service. */
  registration?: boolean
  /**
   * Mounts the NPQ service's identity webhook receiver and subscribes it, in the identity service, to every user
   * message (as `npm start` seeds it), signed with a secret both sides share.
   */
  webhooks?: boolean
  /** The identity service raises a support ticket when it cannot match someone signing in here to one record. */
  raiseTrnSupportTickets?: boolean
}

/** The secret of the test webhook subscription, as identity generates them: 32 bytes, given as hex. */
const WEBHOOK_SECRET_BYTES = Buffer.from('npq-test-identity-webhook-secret')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * The NPQ service signing people in through the real identity provider (oidc-provider over HTTP, with the provider's
 * stand-in sign-in page: `identity.signInAs(sub)` decides who the next sign-in is, unless another identity service is
 * given). Both on ephemeral ports.
 */
export async function startNpqWithIdentity(options: NpqWithIdentityOptions = {}): Promise<NpqWithIdentity> {
  const ownIdentity = options.identity ? undefined : await startTestIdentity()
  const identity = options.identity ?? (ownIdentity as TestIdentity)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const client = await identity.registerClient({
    name: 'Register for an NPQ',
    redirectUris: [`${url}/auth/callback`],
    postLogoutRedirectUris: [`${url}/`],
    backchannelLogoutUri: `${url}/auth/backchannel-logout`,
    ...(options.raiseTrnSupportTickets ? { raiseTrnSupportTickets: true } : {}),
  })
  const database = await createTestDatabase<NpqSchema>(NPQ_MIGRATIONS)
  const outboxDir = mkdtempSync(join(tmpdir(), 'npq-outbox-'))
  const clock = options.clock ?? systemClock
  const logger = createLogger({ name: 'npq-test', level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  if (options.registration) await seedReferenceData(database.db)
  const config = {
    environment: 'test' as const,
    baseUrl: url,
    sessionSecrets: ['npq-test-session-secret-0123456789-abcdef'],
    identity: {
      issuer: identity.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret ?? '',
      webhookSecrets: [...(options.webhooks ? [WEBHOOK_SECRET_BYTES.toString('hex')] : []), 'npq-test-webhook-secret-0123456789-abcdef'],
    },
  }
  const dependencies: NpqAppDependencies = {
    database,
    config,
    clock,
    logger,
    identity: createIdentityClient({ issuer: identity.issuer, clientId: client.clientId, clientSecret: client.clientSecret ?? '', baseUrl: url, allowHttp: true }),
    localOutboxDir: outboxDir,
    ...(options.registration ? { registration: registrationRouter({ db: database.db, clock, baseUrl: url, logger }) } : {}),
    // The receiver checks the identity service's signature times, which are real time whatever the NPQ clock says.
    ...(options.webhooks ? { apiRoutes: identityWebhooksRouter({ db: database.db, secrets: config.identity.webhookSecrets, clock: systemClock, logger }) } : {}),
  }
  const { app } = createNpqApp(options.extend ? options.extend(dependencies) : dependencies)
  const server: RunningServer = await listen(app, port, '127.0.0.1')
  const sender = createLocalOutboxSender({ dataDir: outboxDir, service: 'npq', templates: NPQ_EMAILS, clock })
  const worker = createOutboxWorker({ db: database.db, clock, logger, handlers: { [EMAIL_JOB]: emailJobHandler({ db: database.db, sender, clock }) } })
  const identityDb = identity.database.db
  if (options.webhooks) {
    await createSubscription(
      identityDb,
      systemClock,
      { clientId: client.clientId, endpoint: `${url}${IDENTITY_WEBHOOK_PATH}`, messageTypes: ['UserCreated', 'UserUpdated', 'UserMerged'] },
      { actor: 'test', requireHttps: false, random: () => WEBHOOK_SECRET_BYTES },
    )
  }
  // The identity service's worker keeps real time, as its outbox jobs do.
  const webhookDelivery = createOutboxWorker({
    db: identityDb,
    clock: systemClock,
    logger,
    handlers: { [WEBHOOK_DELIVERY_JOB]: webhookDeliveryJobHandler({ db: identityDb, clock: systemClock, fetch, logger }) },
  })
  // Received messages are queued on the receiver's real time, so they are applied on it too.
  const webhookApply = createOutboxWorker({
    db: database.db,
    clock: systemClock,
    logger,
    handlers: { [IDENTITY_WEBHOOK_JOB]: identityWebhookJobHandler({ db: database.db, clock: systemClock }) },
  })
  return {
    identity,
    npq: { url, database },
    browser: () => createBrowser([identity.issuer, url]),
    async deliverEmails() {
      while ((await worker.runOnce()).claimed > 0) {
        // Until every queued email is in the outbox.
      }
      return readLocalOutbox(outboxDir)
    },
    async deliverWebhooks() {
      while ((await webhookDelivery.runOnce()).claimed > 0) {
        // Until every due delivery has been sent.
      }
      let applied = 0
      for (let result = await webhookApply.runOnce(); result.claimed > 0; result = await webhookApply.runOnce()) applied += result.succeeded
      return applied
    },
    async close() {
      await server.stop()
      await database.drop()
      rmSync(outboxDir, { recursive: true, force: true })
      await ownIdentity?.close()
    },
  }
}
