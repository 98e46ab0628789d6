import { apiDocsRouter } from '../../../packages/kit/src/http/api-docs.ts'
import { openApiDocument } from './openapi/document.ts'
import express, { type Express, type RequestHandler } from 'express'
import helmet from 'helmet'
import { ApiError, apiErrorHandler, apiNotFound } from '../../../packages/kit/src/http/api-errors.ts'
import { createMetrics, operationsRouter } from '../../../packages/kit/src/http/operations.ts'
import { requestLogging } from '../../../packages/kit/src/http/request-logging.ts'
import type { Clock } from '../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../packages/kit/src/logger.ts'
import type { RateLimiter } from '../../../packages/kit/src/rate-limits.ts'
import { authenticateApiKey } from './api-keys/authenticate.ts'
import type { RecordsDatabase } from './database/schema.ts'
import { matchRouter } from './persons/match/routes.ts'
import { personsRouter } from './persons/routes.ts'
import { trnRequestsRouter } from './trn-requests/routes.ts'

export type RecordsAppDependencies = {
  database: RecordsDatabase
  clock: Clock
  logger: Logger
  rateLimiter: RateLimiter
  maxBodySize?: string
}

const requireJsonBody: RequestHandler = (req, _res, next) => {
  if ((req.method === 'POST' || req.method === 'PATCH') && !req.is('application/json')) {
    return next(new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json"'))
  }
  next()
}

export function createRecordsApp(dependencies: RecordsAppDependencies): Express {
  const { database, clock, logger } = dependencies
  const db = database.db
  const metrics = createMetrics('records')
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', true)
  app.use(helmet())
  app.use(requestLogging(logger))
  app.use(metrics.recordRequest)
  app.use(operationsRouter({ db, metrics }))
  app.use('/api/docs', apiDocsRouter({ title: 'Teaching record service API', document: openApiDocument }))
  app.get('/', (_req, res) => res.redirect('/api/docs'))

  const api = express.Router()
  api.use(authenticateApiKey({ db, rateLimiter: dependencies.rateLimiter }))
  api.use(requireJsonBody)
  api.use(express.json({ limit: dependencies.maxBodySize ?? '64kb', strict: true }))
  api.use(matchRouter({ db, clock }))
  api.use(personsRouter({ db, clock }))
  api.use(trnRequestsRouter({ db, clock }))
  api.use(apiNotFound)
  app.use('/api/v1', api)

  app.use(apiNotFound)
  app.use(apiErrorHandler(logger))
  return app
}
