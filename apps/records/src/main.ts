import { systemClock } from '../../../packages/kit/src/clock.ts'
import { failedToStart } from '../../../packages/kit/src/config.ts'
import { listen, stopGracefully } from '../../../packages/kit/src/http/server.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createRateLimiter } from '../../../packages/kit/src/rate-limits.ts'
import { createRecordsApp } from './app.ts'
import { loadRecordsConfig } from './config.ts'
import { openRecordsDatabase } from './database/open.ts'
import { seedDemoDataIfEmpty } from './seed/demo-data.ts'
import { registerTrnRanges } from './trn-requests/allocate-trn.ts'

async function main() {
  const config = loadRecordsConfig(process.env)
  const logger = createLogger({ name: 'records', level: config.logLevel })
  const { database, applied } = await openRecordsDatabase(config)
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
  await registerTrnRanges(database.db, config.trnRanges)
  if (config.loadDemoData) await seedDemoDataIfEmpty(database.db, { print: (line) => logger.info(line) })

  const app = createRecordsApp({
    database,
    clock: systemClock,
    logger,
    rateLimiter: createRateLimiter({ pool: database.pool, name: 'records_api' }),
    maxBodySize: config.maxBodySize,
  })
  const server = await listen(app, config.port)
  logger.info({ port: server.port, database: database.engine }, `teaching record service listening on http://localhost:${server.port}`)
  stopGracefully({ logger, steps: [server.stop, database.close] })
}

main().catch(failedToStart)
