import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { KIT_MIGRATIONS, type KitTables } from '../migrations.ts'
import { createTestDatabase, type TestDatabase } from '../testing/database.ts'
import { exponentialBackoff } from './backoff.ts'
import { enqueueJob, retrySetAsideJobs } from './jobs.ts'
import { createOutboxWorker, PermanentJobFailure, type ClaimedJob, type JobHandler, type OutboxWorkerOptions } from './worker.ts'

const SECOND = 1000
const logger = createLogger({ name: 'outbox-test', level: 'silent' })

describe('the outbox worker', () => {
  let database: TestDatabase<KitTables>
  const clock = fixedClock('2026-11-22T12:00:00Z')

  before(async () => {
    database = await createTestDatabase<KitTables>([KIT_MIGRATIONS])
  })
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_jobs').execute()
  })
  after(() => database.drop())

  const worker = (handlers: Record<string, JobHandler>, options: Partial<OutboxWorkerOptions<KitTables>> = {}) =>
    createOutboxWorker({ db: database.db, handlers, clock, logger, backoff: exponentialBackoff({ firstMs: 30 * SECOND, maxMs: 600 * SECOND }), ...options })

  const jobRow = (id: number) => database.db.selectFrom('outbox_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('runs nothing for a job enqueued in a transaction that rolled back', async () => {
    const ran: unknown[] = []
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { type: 'ticket', payload: { subject: 'never' } }, clock)
        throw new Error('the business change failed')
      }),
    )
    const result = await worker({ ticket: { run: async (job) => void ran.push(job.payload) } }).runOnce()
    assert.equal(result.claimed, 0)
    assert.deepEqual(ran, [])
  })

  it('runs a committed job once, with its payload, and marks it done', async () => {
    const ran: ClaimedJob[] = []
    const id = await database.db.transaction().execute((trx) => enqueueJob(trx, { type: 'ticket', payload: { subject: 'Help' } }, clock))
    const tickets = worker({ ticket: { run: async (job) => void ran.push(job) } })
    assert.deepEqual(await tickets.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
    assert.deepEqual(await tickets.runOnce(), { claimed: 0, succeeded: 0, retried: 0, setAside: 0 })
    assert.deepEqual(ran, [{ id, type: 'ticket', payload: { subject: 'Help' }, attempt: 1 }])
    assert.equal((await jobRow(id)).status, 'done')
  })

  it('tries a failing job again after an exponentially growing wait, until it succeeds, exactly once', async () => {
    let calls = 0
    let successes = 0
    const flaky = worker({
      webhook: {
        async run() {
          calls++
          if (calls <= 2) throw new Error(`provider unavailable (${calls})`)
          successes++
        },
      },
    })
    const id = await enqueueJob(database.db, { type: 'webhook', payload: {} }, clock)

    assert.equal((await flaky.runOnce()).retried, 1)
    let row = await jobRow(id)
    assert.equal(row.last_error, 'provider unavailable (1)')
    assert.equal(row.next_attempt_at.getTime() - clock.now().getTime(), 30 * SECOND)

    clock.advance(29 * SECOND)
    assert.equal((await flaky.runOnce()).claimed, 0, 'not before its time')
    clock.advance(1 * SECOND)
    assert.equal((await flaky.runOnce()).retried, 1)
    row = await jobRow(id)
    assert.equal(row.next_attempt_at.getTime() - clock.now().getTime(), 60 * SECOND, 'the wait doubles')

    clock.advance(60 * SECOND)
    assert.equal((await flaky.runOnce()).succeeded, 1)
    clock.advance(3600 * SECOND)
    assert.equal((await flaky.runOnce()).claimed, 0)
    assert.equal(successes, 1)
    row = await jobRow(id)
    assert.equal(row.status, 'done')
    assert.equal(row.attempts, 3)
    assert.equal(row.last_error, null)
  })

  it('sets a job aside after its last attempt, keeps why, and can put it back once the cause is fixed', async () => {
    let fixed = false
    const handlers = {
      ticket: {
        maxAttempts: 3,
        async run() {
          if (!fixed) throw new Error('helpdesk rejected the credentials')
        },
      },
    }
    const tickets = worker(handlers)
    const id = await enqueueJob(database.db, { type: 'ticket', payload: {} }, clock)
    for (let attempt = 1; attempt <= 3; attempt++) {
      await tickets.runOnce()
      clock.advance(3600 * SECOND)
    }
    let row = await jobRow(id)
    assert.equal(row.status, 'set_aside')
    assert.equal(row.attempts, 3)
    assert.equal(row.last_error, 'helpdesk rejected the credentials')
    assert.equal((await tickets.runOnce()).claimed, 0, 'a set-aside job is not tried again by itself')

    fixed = true
    assert.equal(await retrySetAsideJobs(database.db, { type: 'ticket' }, clock), 1)
    assert.equal((await tickets.runOnce()).succeeded, 1)
    row = await jobRow(id)
    assert.equal(row.status, 'done')
  })

  it('sets a job aside at once when its handler says trying again cannot help', async () => {
    const tickets = worker({
      ticket: {
        run: async () => {
          throw new PermanentJobFailure('the payload has no subject')
        },
      },
    })
    const id = await enqueueJob(database.db, { type: 'ticket', payload: {} }, clock)
    assert.equal((await tickets.runOnce()).setAside, 1)
    assert.equal((await jobRow(id)).status, 'set_aside')
  })

  it('leaves jobs of types it has no handler for to the workers that have one', async () => {
    const id = await enqueueJob(database.db, { type: 'zendesk_ticket', payload: {} }, clock)
    assert.equal((await worker({ email: { run: async () => {} } }).runOnce()).claimed, 0)
    assert.equal((await jobRow(id)).status, 'pending')
  })

  it('never gives the same job to two workers polling at once', async () => {
    const runs = new Map<number, number>()
    const handler: JobHandler = {
      async run(job) {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1)
        await new Promise((resolve) => setImmediate(resolve))
      },
    }
    const ids: number[] = []
    for (let i = 0; i < 40; i++) ids.push(await enqueueJob(database.db, { type: 'email', payload: { i } }, clock))
    const drain = async (w: ReturnType<typeof worker>) => {
      while ((await w.runOnce()).claimed > 0);
    }
    await Promise.all([drain(worker({ email: handler }, { batchSize: 3 })), drain(worker({ email: handler }, { batchSize: 3 }))])
    assert.equal(runs.size, 40)
    assert.deepEqual([...runs.values()].filter((count) => count !== 1), [])
  })

  it('gives a job whose worker stopped answering to another after its lease, and ignores the late answer', async () => {
    let releaseFirst: () => void = () => {}
    const stuck = worker({ ticket: { run: () => new Promise<void>((resolve) => (releaseFirst = resolve)) } }, { leaseMs: 60 * SECOND })
    const id = await enqueueJob(database.db, { type: 'ticket', payload: {} }, clock)
    const firstRun = stuck.runOnce()
    await new Promise((resolve) => setTimeout(resolve, 20))

    const rescuer = worker({ ticket: { run: async () => {} } }, { leaseMs: 60 * SECOND })
    assert.equal((await rescuer.runOnce()).claimed, 0, 'still leased to the first worker')
    clock.advance(61 * SECOND)
    assert.equal((await rescuer.runOnce()).succeeded, 1)

    releaseFirst()
    await firstRun
    const row = await jobRow(id)
    assert.equal(row.status, 'done')
    assert.equal(row.attempts, 2)
  })

  it('polls until stopped, sleeping between empty polls through the sleep it was given', async () => {
    const sleeps: number[] = []
    const ran: unknown[] = []
    const polling = worker(
      { ticket: { run: async (job) => void ran.push(job.payload) } },
      {
        pollIntervalMs: 5000,
        sleep: async (ms) => {
          sleeps.push(ms)
          if (sleeps.length === 1) await enqueueJob(database.db, { type: 'ticket', payload: 'late arrival' }, clock)
          await new Promise((resolve) => setImmediate(resolve))
        },
      },
    )
    polling.start()
    while (ran.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await polling.stop()
    assert.deepEqual(ran, ['late arrival'])
    assert.ok(sleeps.every((ms) => ms === 5000))
  })

  it('deletes finished jobs after the retention period, but keeps the ones set aside', async () => {
    const done = await enqueueJob(database.db, { type: 'ticket', payload: {} }, clock)
    const failing = await enqueueJob(database.db, { type: 'other', payload: {} }, clock)
    const w = worker(
      { ticket: { run: async () => {} }, other: { run: async () => Promise.reject(new PermanentJobFailure('no')) } },
      { keepFinishedJobsForMs: 86_400_000 },
    )
    await w.runOnce()
    clock.advance(2 * 86_400_000)
    await w.runOnce()
    const left = (await database.db.selectFrom('outbox_jobs').select('id').execute()).map((row) => row.id)
    assert.deepEqual(left, [failing])
    assert.ok(!left.includes(done))
  })
})
