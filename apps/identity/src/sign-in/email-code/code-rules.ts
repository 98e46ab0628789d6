import { createHash, randomInt, timingSafeEqual } from 'node:crypto'

// One-time email codes: what a code is, how long it lives, and what happens when someone types one.

export const CODE_LENGTH = 6
export const CODE_LIFETIME_MS = 15 * 60 * 1000
/** An expired code typed within this long of expiring gets a fresh code sent, rather than a dead end. */
export const RESEND_WINDOW_AFTER_EXPIRY_MS = 2 * 60 * 60 * 1000
export const MAX_WRONG_ATTEMPTS = 5

export type IssuedCode = {
  codeHash: string
  expiresAt: Date
  wrongAttempts: number
  usedAt: Date | null
}

export type CodeCheck =
  | { outcome: 'accepted' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'too_many_wrong' }
  | { outcome: 'expired'; sendNewCode: boolean }
  | { outcome: 'used' }
  | { outcome: 'no_code' }

export type CodeFormat = { ok: true; code: string } | { ok: false; error: 'missing' | 'not_digits' | 'too_short' | 'too_long' }

/** Spaces and hyphens people type or paste are ignored; anything else must be exactly six digits. */
export function readCode(typed: string | undefined): CodeFormat {
  const code = (typed ?? '').replace(/[\s-]/g, '')
  if (code === '') return { ok: false, error: 'missing' }
  if (!/^\d+$/.test(code)) return { ok: false, error: 'not_digits' }
  if (code.length < CODE_LENGTH) return { ok: false, error: 'too_short' }
  if (code.length > CODE_LENGTH) return { ok: false, error: 'too_long' }
  return { ok: true, code }
}

export function newCode(random: (max: number) => number = (max) => randomInt(max)): string {
  return String(random(10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0')
}

/** Codes are stored hashed with a server secret, so a copy of the table does not sign anyone in. */
export function hashCode(code: string, secret: string): string {
  return createHash('sha256').update(`${secret}:${code}`).digest('hex')
}

/** Judges a well-formed code against the latest code issued for the address. Order matters: a used or locked code stays dead. */
export function checkCode(issued: IssuedCode | undefined, code: string, secret: string, now: Date): CodeCheck {
  if (!issued) return { outcome: 'no_code' }
  if (issued.usedAt) return { outcome: 'used' }
  if (issued.wrongAttempts >= MAX_WRONG_ATTEMPTS) return { outcome: 'too_many_wrong' }
  const matches = timingSafeEqual(Buffer.from(hashCode(code, secret)), Buffer.from(issued.codeHash))
  if (!matches) {
    const attemptsLeft = MAX_WRONG_ATTEMPTS - issued.wrongAttempts - 1
    return attemptsLeft <= 0 ? { outcome: 'too_many_wrong' } : { outcome: 'wrong', attemptsLeft }
  }
  if (now.getTime() >= issued.expiresAt.getTime()) {
    return { outcome: 'expired', sendNewCode: now.getTime() - issued.expiresAt.getTime() < RESEND_WINDOW_AFTER_EXPIRY_MS }
  }
  return { outcome: 'accepted' }
}
