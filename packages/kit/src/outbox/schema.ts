import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export type JobStatus = 'pending' | 'done' | 'set_aside'

export type OutboxJobsTable = {
  id: Generated<number>
  type: string
  payload: ColumnType<unknown, string, string>
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: Timestamp
  last_error: string | null
  created_at: Timestamp
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type OutboxTables = { outbox_jobs: OutboxJobsTable }
