import express, { Router, type RequestHandler } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { ApiError, apiErrorHandler, apiNotFound } from '../../../../packages/kit/src/http/api-errors.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import { parseOrThrow } from '../../../../packages/kit/src/validation.ts'
import { verifyWebhook, WEBHOOK_ID_HEADER } from '../../../../packages/kit/src/webhooks/signing.ts'
import type { NpqSchema } from '../database/schema.ts'
import { envelopeSchema, isKnownMessageType, MESSAGE_SCHEMAS } from './messages.ts'
import { storeMessage, webhookDb, type WebhookSchema } from './store.ts'

export const IDENTITY_WEBHOOK_PATH = '/webhooks/identity'
const DEFAULT_MAX_BODY_BYTES = 64 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })

const unsupportedMediaType = () => new ApiError(415, 'unsupported_media_type', 'The request body must be JSON (application/json) in UTF-8')

/** Refused before the body is read: the raw body parser below only reads JSON. */
const requireJson: RequestHandler = (req, _res, next) => {
  const contentType = req.headers['content-type']
  if (!contentType || req.is('application/json') === false) return next(unsupportedMediaType())
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]
  if (charset && !/^utf-?8$/i.test(charset)) return next(unsupportedMediaType())
  next()
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(body))
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON')
  }
}

/**
 * `POST /webhooks/identity`: the identity service's webhooks (README in packages/kit/src/webhooks). The signature is
 * checked on the raw bytes before anything is parsed; a verified message is stored once, by its notification id, with
 * a job that applies it in the background (worker.ts). 202 for a new message, 200 for a repeat; nothing is stored on
 * any error. Mount it before the pages (no session or CSRF token); other paths pass through untouched.
 */
export function identityWebhooksRouter(options: {
  db: Kysely<NpqSchema> | Kysely<WebhookSchema>
  /** Newest first; several while a secret is rotated. */
  secrets: readonly string[]
  clock: Clock
  logger: Logger
  toleranceSeconds?: number
  maxBodyBytes?: number
}): Router {
  const { clock, logger, secrets } = options
  if (!secrets.some((secret) => secret.length > 0)) throw new Error('identityWebhooksRouter needs at least one webhook secret')
  const db = webhookDb(options.db)

  const receive: RequestHandler = async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const verification = verifyWebhook({ secrets, body, headers: req.headers, now: clock.now(), toleranceSeconds: options.toleranceSeconds })
    if (!verification.ok) {
      logger.warn({ code: verification.code }, 'identity webhook refused')
      throw new ApiError(401, verification.code, verification.message)
    }
    if (verification.secretIndex > 0) logger.warn({ secretIndex: verification.secretIndex }, 'identity webhook signed with an older secret')

    const json = parseJson(body)
    const envelope = parseOrThrow(envelopeSchema, json)
    if (isKnownMessageType(envelope.messageType)) parseOrThrow(z.object({ message: MESSAGE_SCHEMAS[envelope.messageType] }), envelope)
    const idHeader = req.get(WEBHOOK_ID_HEADER)
    if (idHeader !== undefined && idHeader !== envelope.notificationId) {
      throw new ApiError(400, 'notification_id_mismatch', `The ${WEBHOOK_ID_HEADER} header does not match notificationId`, { field: 'notificationId' })
    }

    const result = await db.transaction().execute((trx) => storeMessage(trx, { envelope, json }, clock))
    const log = { notificationId: envelope.notificationId, messageType: envelope.messageType }
    if (result.stored) {
      logger.info({ ...log, messageId: result.messageId }, 'identity webhook received')
      res.status(202).json({ notificationId: envelope.notificationId, status: 'accepted' })
      return
    }
    if (!result.sameBody) logger.warn(log, 'identity webhook repeated with a different body; the first one was kept')
    else logger.info(log, 'identity webhook repeated')
    res.status(200).json({ notificationId: envelope.notificationId, status: 'already_received' })
  }

  const webhooks = Router()
  webhooks.post('/', requireJson, express.raw({ type: 'application/json', limit: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES }), receive)
  webhooks.all('/', () => {
    throw new ApiError(405, 'method_not_allowed', `Only POST is accepted at ${IDENTITY_WEBHOOK_PATH}`, { headers: { Allow: 'POST' } })
  })
  webhooks.use(apiNotFound)
  webhooks.use(apiErrorHandler(logger))

  const router = Router()
  // Only this path answers JSON errors; every other request goes on to the routes mounted after this router.
  router.use(IDENTITY_WEBHOOK_PATH, webhooks)
  return router
}
