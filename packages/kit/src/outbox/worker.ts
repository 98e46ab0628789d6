import { setTimeout as delay } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import { DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, type Backoff } from './backoff.ts'
import { outboxDb } from './jobs.ts'
import type { OutboxTables } from './schema.ts'

export type ClaimedJob = {
  id: number
  type: string
  payload: unknown
  /** 1 on the first attempt. */
  attempt: number
}

export type JobHandler = {
  /** Does the work; throwing means "try again later", unless the error is a PermanentJobFailure. */
  run(job: ClaimedJob): Promise<void>
  maxAttempts?: number
  backoff?: Backoff
}

/** Thrown by a handler when trying again cannot help (a malformed payload, a recipient the provider refuses). */
export class PermanentJobFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PermanentJobFailure'
  }
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

export const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => {})

export type OutboxWorkerOptions<DB extends OutboxTables> = {
  db: Kysely<DB>
  handlers: Record<string, JobHandler>
  clock: Clock
  logger: Logger
  sleep?: Sleep
  /** Jobs claimed, and run side by side, per poll. */
  batchSize?: number
  /** How long to wait after a poll that found nothing due. */
  pollIntervalMs?: number
  /** A claimed job is invisible to other workers this long; a handler must finish well within it. */
  leaseMs?: number
  maxAttempts?: number
  backoff?: Backoff
  /** Finished jobs are deleted after this long (set-aside ones are kept until someone deals with them). */
  keepFinishedJobsForMs?: number
}

export type PollResult = { claimed: number; succeeded: number; retried: number; setAside: number }

export type OutboxWorker = {
  /** Claims the due jobs (one batch) and runs them. */
  runOnce(): Promise<PollResult>
  /** Polls until stopped. */
  start(): void
  /** Lets the jobs in hand finish, then stops polling. */
  stop(): Promise<void>
}

const DAY_MS = 86_400_000
const PRUNE_EVERY_MS = 3_600_000
const MAX_ERROR_LENGTH = 2000

export function createOutboxWorker<DB extends OutboxTables>(options: OutboxWorkerOptions<DB>): OutboxWorker {
  const db = outboxDb(options.db)
  const { handlers, clock, logger } = options
  const types = Object.keys(handlers)
  const sleep = options.sleep ?? realSleep
  const batchSize = options.batchSize ?? 5
  const pollIntervalMs = options.pollIntervalMs ?? 1000
  const leaseMs = options.leaseMs ?? 10 * 60_000
  const keepFinishedJobsForMs = options.keepFinishedJobsForMs ?? 30 * DAY_MS
  let lastPrunedAt = -Infinity
  let running: Promise<void> | undefined
  const stopping = new AbortController()

  async function claim(): Promise<ClaimedJob[]> {
    if (types.length === 0) return []
    const now = clock.now()
    const rows = await db
      .updateTable('outbox_jobs')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + leaseMs) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('outbox_jobs')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where('type', 'in', types)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'type', 'payload', 'attempts'])
      .execute()
    return rows.map((row) => ({ id: row.id, type: row.type, payload: row.payload, attempt: row.attempts }))
  }

  // Every outcome is conditional on the attempt number, so a worker whose lease ran out cannot overwrite a later claim.
  async function succeed(job: ClaimedJob): Promise<void> {
    await db
      .updateTable('outbox_jobs')
      .set({ status: 'done', finished_at: clock.now(), last_error: null })
      .where('id', '=', job.id)
      .where('attempts', '=', job.attempt)
      .where('status', '=', 'pending')
      .execute()
  }

  async function fail(job: ClaimedJob, handler: JobHandler, error: unknown): Promise<'retried' | 'setAside'> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH)
    const maxAttempts = handler.maxAttempts ?? options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    const now = clock.now()
    const giveUp = error instanceof PermanentJobFailure || job.attempt >= maxAttempts
    const update = db.updateTable('outbox_jobs').where('id', '=', job.id).where('attempts', '=', job.attempt).where('status', '=', 'pending')
    if (giveUp) {
      await update.set({ status: 'set_aside', finished_at: now, last_error: message }).execute()
      logger.error({ jobId: job.id, jobType: job.type, attempt: job.attempt, error: message }, 'outbox job set aside; it needs attention')
      return 'setAside'
    }
    const retryInMs = (handler.backoff ?? options.backoff ?? DEFAULT_BACKOFF)(job.attempt)
    await update.set({ next_attempt_at: new Date(now.getTime() + retryInMs), last_error: message }).execute()
    logger.warn({ jobId: job.id, jobType: job.type, attempt: job.attempt, retryInMs, error: message }, 'outbox job failed; will try again')
    return 'retried'
  }

  async function runJob(job: ClaimedJob): Promise<'succeeded' | 'retried' | 'setAside'> {
    const handler = handlers[job.type]
    if (!handler) return fail(job, { run: async () => {} }, new PermanentJobFailure(`no handler for ${job.type}`))
    try {
      await handler.run(job)
    } catch (error) {
      return fail(job, handler, error)
    }
    await succeed(job)
    return 'succeeded'
  }

  async function pruneFinishedJobs(): Promise<void> {
    const now = clock.now().getTime()
    if (now - lastPrunedAt < PRUNE_EVERY_MS) return
    lastPrunedAt = now
    await db
      .deleteFrom('outbox_jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', new Date(now - keepFinishedJobsForMs))
      .execute()
  }

  async function runOnce(): Promise<PollResult> {
    await pruneFinishedJobs()
    const jobs = await claim()
    const outcomes = await Promise.all(jobs.map(runJob))
    return {
      claimed: jobs.length,
      succeeded: outcomes.filter((outcome) => outcome === 'succeeded').length,
      retried: outcomes.filter((outcome) => outcome === 'retried').length,
      setAside: outcomes.filter((outcome) => outcome === 'setAside').length,
    }
  }

  async function poll(): Promise<void> {
    while (!stopping.signal.aborted) {
      let claimed = 0
      try {
        claimed = (await runOnce()).claimed
      } catch (error) {
        logger.error({ err: error }, 'outbox worker could not poll; trying again shortly')
      }
      // A full batch suggests more are due: carry on at once rather than waiting.
      if (claimed < batchSize && !stopping.signal.aborted) await sleep(pollIntervalMs, stopping.signal)
    }
  }

  return {
    runOnce,
    start() {
      running ??= poll()
    },
    async stop() {
      stopping.abort()
      await running
    },
  }
}
