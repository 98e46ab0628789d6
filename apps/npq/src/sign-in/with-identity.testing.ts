import { createServer } from 'node:net'
import { Writable } from 'node:stream'
import { systemClock, type Clock } from '../../../../packages/kit/src/clock.ts'
import { listen, type RunningServer } from '../../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { createBrowser, type TestBrowser } from '../../../identity/src/testing/browser.ts'
import { startTestIdentity, type TestIdentity } from '../../../identity/src/testing/test-identity.ts'
import { createNpqApp, type NpqAppDependencies } from '../app.ts'
import { NPQ_MIGRATIONS, type NpqSchema } from '../database/schema.ts'
import { createIdentityClient } from './identity-client.ts'

export type NpqWithIdentity = {
  identity: TestIdentity
  npq: { url: string; database: TestDatabase<NpqSchema> }
  /** A browser that keeps cookies and follows redirects between the two services. */
  browser(): TestBrowser
  close(): Promise<void>
}

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
 * stand-in sign-in page: `identity.signInAs(sub)` decides who the next sign-in is). Both on ephemeral ports.
 */
export async function startNpqWithIdentity(options: { clock?: Clock; extend?: (dependencies: NpqAppDependencies) => NpqAppDependencies } = {}): Promise<NpqWithIdentity> {
  const identity = await startTestIdentity()
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const client = await identity.registerClient({
    name: 'Register for an NPQ',
    redirectUris: [`${url}/auth/callback`],
    postLogoutRedirectUris: [`${url}/`],
    backchannelLogoutUri: `${url}/auth/backchannel-logout`,
  })
  const database = await createTestDatabase<NpqSchema>(NPQ_MIGRATIONS)
  const logger = createLogger({ name: 'npq-test', level: 'silent', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const config = {
    environment: 'test' as const,
    baseUrl: url,
    sessionSecrets: ['npq-test-session-secret-0123456789-abcdef'],
    identity: { issuer: identity.issuer, clientId: client.clientId, clientSecret: client.clientSecret ?? '', webhookSecrets: ['npq-test-webhook-secret-0123456789-abcdef'] },
  }
  const dependencies: NpqAppDependencies = {
    database,
    config,
    clock: options.clock ?? systemClock,
    logger,
    identity: createIdentityClient({ issuer: identity.issuer, clientId: client.clientId, clientSecret: client.clientSecret ?? '', baseUrl: url, allowHttp: true }),
  }
  const { app } = createNpqApp(options.extend ? options.extend(dependencies) : dependencies)
  const server: RunningServer = await listen(app, port, '127.0.0.1')
  return {
    identity,
    npq: { url, database },
    browser: () => createBrowser([identity.issuer, url]),
    async close() {
      await server.stop()
      await database.drop()
      await identity.close()
    },
  }
}
