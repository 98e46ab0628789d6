import type { Request, Response } from 'express'
import { saveSession } from '../../../../../packages/kit/src/web/sessions.ts'

declare module 'express-session' {
  interface SessionData {
    /** What the console has just done, shown once on the next page (after a redirect). */
    adminFlash?: string
  }
}

/** Leaves `text` for the next page and redirects there (303). */
export async function redirectWithFlash(req: Request, res: Response, text: string, path: string): Promise<void> {
  req.session.adminFlash = text
  await saveSession(req)
  res.redirect(303, path)
}

/** The message left for this page, once: reading it removes it. */
export function takeFlash(req: Request): { text: string } | undefined {
  const text = req.session?.adminFlash
  if (text === undefined) return undefined
  delete req.session.adminFlash
  return { text }
}
