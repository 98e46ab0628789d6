import type { Request, Response } from 'express'

declare module 'express-session' {
  interface SessionData {
    /** What the console has just done, shown once on the next page (after a redirect). */
    adminFlash?: string
  }
}

/**
 * Saves the session before answering. express-session saves a changed session while the response ends, after the
 * headers have gone: a browser following the redirect at once could otherwise read the session before the save.
 */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error: unknown) => (error ? reject(error) : resolve())))
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
