import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'

/**
 * Binds sign-in journeys to the browser that started them. oidc-provider's own interaction cookie is scoped to
 * /interaction/<uid>, so the journey's pages under /sign-in cannot see it; /interaction/<uid> checks that cookie and
 * then lists the uid in this signed cookie, which the journey's pages do see. A uid copied into another browser's
 * address bar is therefore useless there. Several uids fit, for a person signing in from two tabs.
 */
export const HANDOVER_COOKIE = 'identity_sign_in'
export const SIGN_IN_PATH = '/sign-in'
const MOST_UIDS = 5
const UID = /^[A-Za-z0-9_-]{10,64}$/

export type HandoverCookie = {
  uids(req: Request): string[]
  add(req: Request, res: Response, uid: string, maxAgeMs: number): void
  remove(req: Request, res: Response, uid: string): void
}

export function handoverCookie(cookieKeys: string[]): HandoverCookie {
  const [signingKey] = cookieKeys
  if (!signingKey) throw new Error('at least one cookie key is needed')
  const sign = (value: string, key: string) => createHmac('sha256', key).update(`${HANDOVER_COOKIE}=${value}`).digest('base64url')

  function verified(raw: string | undefined): string[] {
    if (!raw) return []
    const separator = raw.lastIndexOf('~')
    if (separator <= 0) return []
    const value = raw.slice(0, separator)
    const signature = Buffer.from(raw.slice(separator + 1))
    const valid = cookieKeys.some((key) => {
      const expected = Buffer.from(sign(value, key))
      return expected.length === signature.length && timingSafeEqual(expected, signature)
    })
    return valid ? value.split('.').filter((uid) => UID.test(uid)) : []
  }

  function write(req: Request, res: Response, uids: string[], maxAgeMs: number) {
    const options = { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: SIGN_IN_PATH }
    if (uids.length === 0) {
      res.clearCookie(HANDOVER_COOKIE, options)
      return
    }
    const value = uids.join('.')
    res.cookie(HANDOVER_COOKIE, `${value}~${sign(value, signingKey as string)}`, { ...options, maxAge: maxAgeMs, encode: String })
  }

  return {
    uids: (req) => verified(readCookie(req, HANDOVER_COOKIE)),
    add(req, res, uid, maxAgeMs) {
      const uids = [uid, ...verified(readCookie(req, HANDOVER_COOKIE)).filter((other) => other !== uid)].slice(0, MOST_UIDS)
      write(req, res, uids, maxAgeMs)
    },
    remove(req, res, uid) {
      const uids = verified(readCookie(req, HANDOVER_COOKIE)).filter((other) => other !== uid)
      write(req, res, uids, 2 * 60 * 60 * 1000)
    },
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim()
  }
  return undefined
}
