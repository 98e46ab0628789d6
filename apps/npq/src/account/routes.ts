import { Router } from 'express'
import type { Kysely } from 'kysely'
import { pageNotFoundError } from '../../../../packages/kit/src/web/errors.ts'
import type { NpqSchema } from '../database/schema.ts'
import { requireSignIn } from '../sign-in/session.ts'
import { listRegistrations, findRegistration } from './registrations.ts'

/** "Your registrations": everything this person has registered for, and one registration in full. */
export function accountRoutes(options: { db: Kysely<NpqSchema> }): Router {
  const { db } = options
  const router = Router()
  router.use('/account', requireSignIn(db))

  router.get('/account', async (_req, res) => {
    const user = res.locals.user!
    const [registrations, draft] = await Promise.all([
      listRegistrations(db, user.id),
      db.selectFrom('registration_drafts').select('answers').where('user_id', '=', user.id).executeTakeFirst(),
    ])
    const draftStarted = draft !== undefined && Object.keys(draft.answers).length > 0
    res.render('account/account', { user, registrations, draftStarted })
  })

  router.get('/account/registrations/:id', async (req, res) => {
    const user = res.locals.user!
    // Someone else's registration, or no such id, is simply not found: ids reveal nothing.
    const registration = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await findRegistration(db, user.id, req.params.id) : undefined
    if (!registration) throw pageNotFoundError()
    res.render('account/registration', { user, registration, submitted: req.query.submitted === 'true' })
  })
  return router
}
