import { systemClock } from '../../../packages/kit/src/clock.ts'
import { ConfigurationError } from '../../../packages/kit/src/config.ts'
import { listen, stopGracefully } from '../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createIdentityApp } from './app.ts'
import { seedDemoClients } from './clients/demo-clients.ts'
import { loadIdentityConfig } from './config.ts'
import { openIdentityDatabase } from './database/open.ts'
import { pruneExpiredPayloads } from './oidc/adapter.ts'

const PRUNE_EVERY_MS = 10 * 60 * 1000

async function main() {
  const config = loadIdentityConfig(process.env)
  const logger = createLogger({ name: 'identity', level: config.logLevel })
  const { database, applied } = await openIdentityDatabase(config)
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
  if (config.environment === 'development') {
    const added = await seedDemoClients(database.db, systemClock)
    if (added.length > 0) logger.info({ clients: added }, 'registered the demo clients (their development secrets are in apps/identity/README.md)')
  }

  const { app } = await createIdentityApp({ database, config, clock: systemClock, logger })
  const server = await listen(app, config.port)
  logger.info(
    { port: server.port, database: database.engine, issuer: config.issuer, signingKeys: config.signingKeys ? 'configuration' : 'database' },
    `identity provider listening on http://localhost:${server.port} (discovery: ${config.issuer}/.well-known/openid-configuration)`,
  )

  const pruning = setInterval(() => {
    pruneExpiredPayloads(database.db, systemClock).catch((error: unknown) => logger.warn({ err: error }, 'could not prune expired oidc payloads'))
  }, PRUNE_EVERY_MS)
  pruning.unref()

  stopGracefully({ logger, steps: [server.stop, async () => clearInterval(pruning), database.close] })
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error)
  process.exit(1)
})
