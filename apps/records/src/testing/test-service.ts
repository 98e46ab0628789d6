import type { Express } from 'express'
import supertest from 'supertest'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createRateLimiter } from '../../../../packages/kit/src/rate-limits.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { createApiKey, type ApiRole } from '../api-keys/keys.ts'
import { createRecordsApp } from '../app.ts'
import { MIGRATIONS_FOLDER, type RecordsSchema } from '../database/schema.ts'
import { seedDemoData } from '../seed/demo-data.ts'
import { registerTrnRanges, type TrnRange } from '../trn-requests/allocate-trn.ts'

export const TEST_TODAY = '2026-11-22'

export type TestService = {
  app: Express
  database: TestDatabase<RecordsSchema>
  /** An API key with every role. */
  key: string
  keyWith(roles: ApiRole[], options?: { requestsPerMinute?: number }): Promise<string>
  api(): supertest.Agent
  close(): Promise<void>
}

let keyCounter = 0

/** The records service over a fresh database holding the demo personas, as a client sees it over HTTP. */
export async function startTestService(options: { trnRanges?: TrnRange[]; seed?: boolean } = {}): Promise<TestService> {
  const database = await createTestDatabase<RecordsSchema>(MIGRATIONS_FOLDER)
  await registerTrnRanges(database.db, options.trnRanges ?? [{ from: 2000000, to: 2999999 }])
  if (options.seed !== false) await seedDemoData(database.db)
  const app = createRecordsApp({
    database,
    clock: fixedClock(`${TEST_TODAY}T12:00:00Z`),
    logger: createLogger({ name: 'records-test', level: 'silent' }),
    rateLimiter: createRateLimiter({ pool: database.pool, name: `records_test_${process.pid}_${Date.now()}` }),
  })
  const keyWith = async (roles: ApiRole[], keyOptions: { requestsPerMinute?: number } = {}) =>
    (await createApiKey(database.db, { name: `test-key-${++keyCounter}`, roles, ...keyOptions })).key
  const key = await keyWith(['match', 'read', 'write', 'allocate'])
  return {
    app,
    database,
    key,
    keyWith,
    api: () => supertest.agent(app).set('Authorization', `Bearer ${key}`),
    close: () => database.drop(),
  }
}
