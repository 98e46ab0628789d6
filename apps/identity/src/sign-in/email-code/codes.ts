import { sql, type Kysely, type Transaction } from 'kysely'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import { enqueueEmail } from '../../../../../packages/kit/src/email/email-outbox.ts'
import type { IdentitySchema } from '../../database/schema.ts'
import { checkCode, CODE_LIFETIME_MS, hashCode, newCode, type CodeCheck } from './code-rules.ts'
import { SIGN_IN_CODE_EMAIL } from './emails.ts'

export type CodeSettings = {
  /** Keys the stored hashes, so a copy of the table signs no one in. */
  secret: string
  /** Tests and benchmarks only (never in production, see config.ts): every code sent is this one. */
  fixedCode?: string | undefined
  random?: (max: number) => number
}

export type EmailCodes = {
  /**
   * Issues a new code for the journey and address and queues its email, inside the caller's transaction (the one that
   * saves the journey, so a double submit that loses the race sends nothing).
   */
  send(trx: Transaction<IdentitySchema>, journeyId: string, email: string, serviceName: string): Promise<void>
  /** Judges a typed code against the latest one sent: counts a wrong try, uses up an accepted one. */
  check(journeyId: string, email: string, code: string): Promise<CodeCheck>
}

export function createEmailCodes(options: { db: Kysely<IdentitySchema>; clock: Clock; settings: CodeSettings }): EmailCodes {
  const { db, clock, settings } = options
  const sameAddress = (email: string) => sql<boolean>`lower(email) = ${email.toLowerCase()}`

  return {
    async send(trx, journeyId, email, serviceName) {
      const code = settings.fixedCode ?? newCode(settings.random)
      const now = clock.now()
      await trx
        .insertInto('email_codes')
        .values({ journey_id: journeyId, email, code_hash: hashCode(code, settings.secret), created_at: now, expires_at: new Date(now.getTime() + CODE_LIFETIME_MS) })
        .execute()
      await enqueueEmail(
        trx,
        { to: email, template: SIGN_IN_CODE_EMAIL, personalisation: { code, service_name: serviceName, expiry_minutes: CODE_LIFETIME_MS / 60_000 } },
        clock,
      )
    },

    async check(journeyId, email, code) {
      const issued = await db
        .selectFrom('email_codes')
        .select(['id', 'code_hash', 'expires_at', 'wrong_attempts', 'used_at'])
        .where('journey_id', '=', journeyId)
        .where(sameAddress(email))
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
      const result = checkCode(
        issued && { codeHash: issued.code_hash, expiresAt: issued.expires_at, wrongAttempts: issued.wrong_attempts, usedAt: issued.used_at },
        code,
        settings.secret,
        clock.now(),
      )
      if (!issued) return result
      if (result.outcome === 'wrong' || result.outcome === 'too_many_wrong') {
        await db.updateTable('email_codes').set((eb) => ({ wrong_attempts: eb('wrong_attempts', '+', 1) })).where('id', '=', issued.id).execute()
      }
      if (result.outcome === 'accepted') {
        // Two submits of the same code at once: only one of them uses it.
        const used = await db
          .updateTable('email_codes')
          .set({ used_at: clock.now() })
          .where('id', '=', issued.id)
          .where('used_at', 'is', null)
          .returning('id')
          .executeTakeFirst()
        if (!used) return { outcome: 'used' }
      }
      return result
    },
  }
}
