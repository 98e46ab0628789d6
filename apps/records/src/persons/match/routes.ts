import { Router } from 'express'
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import { parseOrThrow } from '../../../../../packages/kit/src/validation.ts'
import { requireRole } from '../../api-keys/authenticate.ts'
import type { RecordsSchema } from '../../database/schema.ts'
import { personDetailsSchema, toMatchQuery } from './match-request.ts'
import { matchPerson } from './match-person.ts'

export function matchRouter(options: { db: Kysely<RecordsSchema>; clock: Clock }): Router {
  const router = Router()
  const schema = personDetailsSchema(options.clock)
  router.post('/persons/match', requireRole('match'), async (req, res) => {
    const details = parseOrThrow(schema, req.body)
    const result = await matchPerson(options.db, toMatchQuery(details))
    res.json(result)
  })
  return router
}
