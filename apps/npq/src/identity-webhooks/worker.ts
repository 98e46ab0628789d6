import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { PermanentJobFailure, type JobHandler } from '../../../../packages/kit/src/outbox/worker.ts'
import type { NpqSchema } from '../database/schema.ts'
import { applyIdentityMessage, recordApplyError } from './apply-message.ts'
import { IDENTITY_WEBHOOK_JOB, type IdentityWebhookJobPayload, type WebhookSchema } from './store.ts'

export { IDENTITY_WEBHOOK_JOB }

function messageIdOf(payload: unknown): number {
  const messageId = (payload as Partial<IdentityWebhookJobPayload> | null)?.messageId
  if (typeof messageId !== 'number' || !Number.isSafeInteger(messageId)) throw new PermanentJobFailure('The job does not name a stored identity webhook message')
  return messageId
}

/** Applies one stored identity webhook message; register it with `createOutboxWorker` under IDENTITY_WEBHOOK_JOB. */
export function identityWebhookJobHandler(options: { db: Kysely<NpqSchema> | Kysely<WebhookSchema>; clock: Clock }): JobHandler {
  return {
    async run(job) {
      const messageId = messageIdOf(job.payload)
      try {
        await applyIdentityMessage(options.db, messageId, options.clock)
      } catch (error) {
        await recordApplyError(options.db, messageId, error).catch(() => {})
        throw error
      }
    },
  }
}
