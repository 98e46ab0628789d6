import { Router } from 'express'
import { readLocalOutbox } from './local-outbox.ts'

/** A development page listing the local outbox, newest first. Never mount it in production. */
export function localOutboxRouter(options: { dataDir: string; limit?: number }): Router {
  const limit = options.limit ?? 100
  const router = Router()
  router.get('/', async (_req, res) => {
    const emails = await readLocalOutbox(options.dataDir)
    res.render('kit/dev/emails', { emails: emails.slice(0, limit), hidden: Math.max(0, emails.length - limit) })
  })
  return router
}
