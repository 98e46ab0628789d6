import { apiDocsRouter } from '../../../../packages/kit/src/http/api-docs.ts'
import { openApiDocument } from './openapi/document.ts'
import express, { Router, type NextFunction, type Request, type Response } from 'express'
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { ApiError, apiErrorHandler, apiNotFound } from '../../../../packages/kit/src/http/api-errors.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { KeyRing } from '../signing-keys/key-ring.ts'
import { authenticateAccessToken } from './authenticate.ts'
import { usersRouter } from './users/routes.ts'

export const API_PATH = '/api'

export type IdentityApiDependencies = {
  db: Kysely<IdentitySchema>
  clock: Clock
  logger: Logger
  /** The provider's issuer; tokens must be from it and for `<issuer>/api`. */
  issuer: string
  /** The provider's own signing keys, the same ring it signs with. */
  keys: KeyRing
  maxBodySize?: string
}

function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if ((req.method === 'PUT' || req.method === 'PATCH' || req.method === 'POST') && !req.is('application/json')) {
    return next(new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json"'))
  }
  next()
}

/**
 * The identity service's API for client services, to mount at /api in the web app's `beforePages` (no session, CSRF or
 * form parsing). It answers every request under /api itself, errors included, as JSON.
 */
export function identityApiRouter(dependencies: IdentityApiDependencies): Router {
  const { db, clock, logger } = dependencies
  const router = Router()
  router.use('/docs', apiDocsRouter({ title: 'DfE Identity account API', document: openApiDocument }))

  const v1 = Router()
  v1.use(authenticateAccessToken({ issuer: dependencies.issuer, keys: dependencies.keys, clock }))
  v1.use(requireJsonBody)
  v1.use(express.json({ limit: dependencies.maxBodySize ?? '16kb', strict: true }))
  v1.use(usersRouter({ db, clock }))
  router.use('/v1', v1)

  router.use(apiNotFound)
  router.use(apiErrorHandler(logger))
  return router
}
