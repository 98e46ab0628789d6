import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../clock.ts'
import type { OutboxTables } from './schema.ts'

export type NewJob = {
  /** Which handler runs it, e.g. `email`, `zendesk_ticket`, `webhook`. */
  type: string
  /** Plain JSON. Keep personal data out of it where an id would do: payloads live as long as the job row. */
  payload: unknown
  /** The earliest time to run it; now when left out. */
  runAfter?: Date
}

/** A database or a transaction on it (TypeScript infers a schema from a Transaction more reliably when named). */
export type DatabaseOrTransaction<DB> = Kysely<DB> | Transaction<DB>

/** Kit functions accept any service database whose schema includes the kit's tables. */
export function outboxDb<DB extends OutboxTables>(db: DatabaseOrTransaction<DB>): Kysely<OutboxTables> {
  return db as unknown as Kysely<OutboxTables>
}

/**
 * Records work to do outside the database. Call it with the transaction that makes the business change: the job
 * exists if and only if that change commits.
 */
export async function enqueueJob<DB extends OutboxTables>(trx: DatabaseOrTransaction<DB>, job: NewJob, clock: Clock): Promise<number> {
  const now = clock.now()
  const row = await outboxDb(trx)
    .insertInto('outbox_jobs')
    .values({ type: job.type, payload: JSON.stringify(job.payload ?? {}), next_attempt_at: job.runAfter ?? now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Puts jobs that were set aside back in the queue (after the cause was fixed), with a fresh set of attempts. */
export async function retrySetAsideJobs<DB extends OutboxTables>(db: DatabaseOrTransaction<DB>, which: { ids: number[] } | { type: string }, clock: Clock): Promise<number> {
  let query = outboxDb(db)
    .updateTable('outbox_jobs')
    .set({ status: 'pending', attempts: 0, next_attempt_at: clock.now(), finished_at: null })
    .where('status', '=', 'set_aside')
  if ('ids' in which) {
    if (which.ids.length === 0) return 0
    query = query.where('id', 'in', which.ids)
  } else {
    query = query.where('type', '=', which.type)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}
