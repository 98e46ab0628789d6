import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import supertest from 'supertest'
import { fixedClock } from '../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createRateLimiter } from '../../../packages/kit/src/rate-limits.ts'
import { createTestDatabase, type TestDatabase } from '../../../packages/kit/src/testing/database.ts'
import { createApiKey } from './api-keys/keys.ts'
import { createRecordsApp } from './app.ts'
import { MIGRATIONS_FOLDER, type RecordsSchema } from './database/schema.ts'

describe('request logs', () => {
  let database: TestDatabase<RecordsSchema>
  const lines: string[] = []
  before(async () => {
    database = await createTestDatabase<RecordsSchema>(MIGRATIONS_FOLDER)
  })
  after(() => database.drop())

  it('record each request without API keys or the personal details in it', async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const app = createRecordsApp({
      database,
      clock: fixedClock('2026-11-22T12:00:00Z'),
      logger: createLogger({ name: 'records', level: 'info', destination }),
      rateLimiter: createRateLimiter({ pool: null, name: 'logging-test' }),
    })
    const { key } = await createApiKey(database.db, { name: 'logging', roles: ['match', 'read'] })
    await supertest(app)
      .post('/api/v1/persons/match?email=someone@example.com')
      .set('Authorization', `Bearer ${key}`)
      .send({ firstName: 'Wilhelmina', lastName: 'Fairweather', dateOfBirth: '1984-03-02', nationalInsuranceNumber: 'QQ121212A', email: 'mina@example.com' })
      .expect(200)
    await supertest(app).get('/api/v1/persons/1234567').set('Authorization', `Bearer ${key}`).expect(404)
    const log = lines.join('')
    assert.match(log, /"path":"\/api\/v1\/persons\/match"/)
    assert.match(log, /"statusCode":404/)
    for (const secret of [key, 'QQ121212A', 'Fairweather', '1984-03-02', 'mina@example.com', 'someone@example.com']) {
      assert.ok(!log.includes(secret), `the log must not contain ${secret}`)
    }
  })
})
