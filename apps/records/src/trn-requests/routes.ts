import { Router } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { ApiError } from '../../../../packages/kit/src/http/api-errors.ts'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { parseOrThrow } from '../../../../packages/kit/src/validation.ts'
import { apiClientOf, requireRole } from '../api-keys/authenticate.ts'
import type { RecordsSchema } from '../database/schema.ts'
import { personDetailsSchema } from '../persons/match/match-request.ts'
import { optional } from '../persons/person-fields.ts'
import { TrnRangesExhaustedError } from './allocate-trn.ts'
import { getTrnRequest, submitTrnRequest } from './trn-request-service.ts'

const requestId = z
  .string()
  .max(100)
  .refine((value) => /^[0-9a-z_-]+$/i.test(value), { message: 'requestId may contain only letters, digits, hyphens and underscores', params: { code: 'invalid_request_id' } })

export function trnRequestsRouter(options: { db: Kysely<RecordsSchema>; clock: Clock }): Router {
  const router = Router()
  const schema = z.strictObject({
    requestId,
    person: personDetailsSchema(options.clock).extend({ sex: optional(z.enum(['female', 'male', 'other', 'not_provided'])) }),
  })

  router.post('/trn-requests', requireRole('allocate'), async (req, res) => {
    const input = parseOrThrow(schema, req.body)
    const client = apiClientOf(req)
    let outcome
    try {
      outcome = await submitTrnRequest(options.db, { apiKeyId: client.id, name: client.name }, input)
    } catch (error) {
      if (error instanceof TrnRangesExhaustedError) throw new ApiError(503, 'trn_ranges_exhausted', 'No TRNs are left to allocate; the service team has been alerted')
      throw error
    }
    if (outcome.kind === 'conflict') {
      throw new ApiError(409, 'request_id_reused', `requestId ${input.requestId} was already used for different details`, { field: 'requestId' })
    }
    res.status(outcome.kind === 'created' ? 201 : 200).json(outcome.state)
  })

  router.get('/trn-requests/:requestId', requireRole('allocate'), async (req, res) => {
    const id = parseOrThrow(z.object({ requestId }), { requestId: req.params.requestId }).requestId
    const state = await getTrnRequest(options.db, apiClientOf(req).id, id)
    if (!state) throw new ApiError(404, 'trn_request_not_found', `There is no TRN request ${id} from this API key`)
    res.json(state)
  })

  return router
}
