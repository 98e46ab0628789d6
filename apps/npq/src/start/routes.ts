import { Router } from 'express'
import type { Kysely } from 'kysely'
import type { NpqSchema } from '../database/schema.ts'
import { findUser } from '../users/users.ts'

/** The service's front door: what it is for, what to have ready, and Start now. */
export function startRoutes(options: { db: Kysely<NpqSchema> }): Router {
  const router = Router()
  router.get('/', async (req, res) => {
    const user = req.session.user ? await findUser(options.db, req.session.user.id) : undefined
    res.render('start/start', { user })
  })
  return router
}
