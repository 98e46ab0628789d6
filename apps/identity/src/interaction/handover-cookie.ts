import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'

/**
 * Binds sign-in journeys to the browser that started them: the authorization request's own response, as it hands the
 * browser to the journey, lists the interaction's uid in this signed cookie, which every page of the journey sees (see
 * `handToJourney` in oidc/provider.ts). A uid copied into another browser's address bar is therefore useless there.
 * Several uids fit, for a person signing in from two tabs.
 */
export const HANDOVER_COOKIE = 'identity_sign_in'
export const SIGN_IN_PATH = '/sign-in'
const MOST_UIDS = 5
const UID = /^[A-Za-z0-9_-]{10,64}$/

export type HandoverCookie = {
  uids(req: Request): string[]
  /** The cookie's value once `uid` is added to the one a request sent (its Cookie header). */
  valueWith(cookieHeader: string | undefined, uid: string): string
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

  const signed = (uids: string[]) => {
    const value = uids.join('.')
    return `${value}~${sign(value, signingKey as string)}`
  }
  const valueWith = (cookieHeader: string | undefined, uid: string) =>
    signed([uid, ...verified(readCookie(cookieHeader, HANDOVER_COOKIE)).filter((other) => other !== uid)].slice(0, MOST_UIDS))

  return {
    uids: (req) => verified(readCookie(req.headers.cookie, HANDOVER_COOKIE)),
    valueWith,
    remove(req, res, uid) {
      const uids = verified(readCookie(req.headers.cookie, HANDOVER_COOKIE)).filter((other) => other !== uid)
      const options = handoverCookieOptions(req.secure)
      if (uids.length === 0) res.clearCookie(HANDOVER_COOKIE, options)
      else res.cookie(HANDOVER_COOKIE, signed(uids), { ...options, maxAge: 2 * 60 * 60 * 1000, encode: String })
    },
  }
}

/** Sent with every request to the journey's pages, and never readable by scripts. */
export const handoverCookieOptions = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: SIGN_IN_PATH })

function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim()
  }
  return undefined
}
