import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import { enqueueJob, type DatabaseOrTransaction } from '../outbox/jobs.ts'
import type { OutboxTables } from '../outbox/schema.ts'
import { PermanentJobFailure, type JobHandler } from '../outbox/worker.ts'
import type { EmailOutboxTable, Personalisation } from './schema.ts'
import type { EmailSender } from './sender.ts'

export const EMAIL_JOB = 'email'

export type EmailTables = OutboxTables & { email_outbox: EmailOutboxTable }

export type NewEmail = {
  to: string
  template: string
  personalisation?: Personalisation
  /** Shown in Notify beside the email, to find it again; no personal data. */
  reference?: string
}

function emailDb<DB extends EmailTables>(db: DatabaseOrTransaction<DB>): Kysely<EmailTables> {
  return db as unknown as Kysely<EmailTables>
}

/**
 * Queues an email in the caller's transaction: it is sent (by a worker, with retries) if and only if the
 * transaction commits. Returns the email's id.
 */
export async function enqueueEmail<DB extends EmailTables>(trx: DatabaseOrTransaction<DB>, email: NewEmail, clock: Clock): Promise<number> {
  const jobId = await enqueueJob(trx, { type: EMAIL_JOB, payload: {} }, clock)
  await emailDb(trx)
    .insertInto('email_outbox')
    .values({
      job_id: jobId,
      template: email.template,
      to_address: email.to,
      personalisation: JSON.stringify(email.personalisation ?? {}),
      reference: email.reference ?? null,
      created_at: clock.now(),
    })
    .execute()
  return jobId
}

/** The outbox job handler that sends queued emails with `sender`. Register it as `handlers: { [EMAIL_JOB]: … }`. */
export function emailJobHandler<DB extends EmailTables>(options: { db: Kysely<DB>; sender: EmailSender; clock: Clock; maxAttempts?: number }): JobHandler {
  const db = emailDb(options.db)
  return {
    maxAttempts: options.maxAttempts,
    async run(job) {
      const email = await db.selectFrom('email_outbox').selectAll().where('job_id', '=', job.id).executeTakeFirst()
      if (!email) throw new PermanentJobFailure(`email ${job.id} is not in the outbox`)
      // Sent on an earlier attempt whose worker stopped before marking the job done: never send twice.
      if (email.sent_at) return
      const sent = await options.sender.send({
        id: email.job_id,
        to: email.to_address,
        template: email.template,
        personalisation: email.personalisation ?? {},
        reference: email.reference,
      })
      await db
        .updateTable('email_outbox')
        .set({ sent_at: options.clock.now(), sent_with: sent.sentWith, provider_reference: sent.providerReference, personalisation: null })
        .where('job_id', '=', job.id)
        .execute()
    },
  }
}
