import { createHash } from 'node:crypto'
import type { Request } from 'express'
import type pg from 'pg'
import { createRateLimiter } from '../../../../../packages/kit/src/rate-limits.ts'
import { tooManyRequestsError } from '../../../../../packages/kit/src/web/errors.ts'

export const LIMIT_WINDOW_SECONDS = 10 * 60

/** Attempts allowed per 10 minutes; 0 means no limit. */
export type CodeLimitSettings = { codesPerEmail: number; codesPerIp: number; wrongCodesPerIp: number }

export const DEFAULT_CODE_LIMITS: CodeLimitSettings = { codesPerEmail: 5, codesPerIp: 20, wrongCodesPerIp: 20 }

export type CodeLimits = {
  /** Before a code is sent: stops one address being flooded with emails, and one client mailing many addresses. */
  beforeSending(req: Request, email: string): Promise<void>
  /** After a wrong code: each code dies after five wrong tries, this stops one client trying codes for many journeys. */
  afterWrongCode(req: Request): Promise<void>
}

/**
 * Limits kept in PostgreSQL when there is a server (so every instance counts together), in memory on the embedded
 * database; going over shows the kit's "too many attempts" page (429) with Retry-After.
 */
export function createCodeLimits(options: { pool: pg.Pool | null; settings: CodeLimitSettings; namePrefix?: string }): CodeLimits {
  const prefix = options.namePrefix ?? 'identity'
  const sends = createRateLimiter({ pool: options.pool, name: `${prefix}_code_sends` })
  const wrongCodes = createRateLimiter({ pool: options.pool, name: `${prefix}_wrong_codes` })
  const { settings } = options

  async function consume(limiter: typeof sends, key: string, points: number) {
    if (points <= 0) return
    const decision = await limiter.consume(key, points, LIMIT_WINDOW_SECONDS)
    if (!decision.allowed) throw tooManyRequestsError(decision.retryAfterSeconds)
  }

  return {
    async beforeSending(req, email) {
      await consume(sends, `ip:${req.ip ?? 'unknown'}`, settings.codesPerIp)
      // The address is hashed so the shared limits table holds no email addresses.
      await consume(sends, `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`, settings.codesPerEmail)
    },
    async afterWrongCode(req) {
      await consume(wrongCodes, `ip:${req.ip ?? 'unknown'}`, settings.wrongCodesPerIp)
    },
  }
}
