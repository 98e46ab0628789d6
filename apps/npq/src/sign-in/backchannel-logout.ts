import express, { Router } from 'express'
import { sql, type Kysely } from 'kysely'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { NpqSchema } from '../database/schema.ts'
import type { IdentityClient } from './identity-client.ts'

export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout'

/**
 * The identity service tells us, server to server, that a person signed out there (from another service, say): every
 * session of ours that came from that identity session (or, without a session id, from that person) ends at once.
 * No cookies, no CSRF token: the signed logout token is the proof. Mounted before the pages.
 */
export function backchannelLogoutRoutes(options: { db: Kysely<NpqSchema>; identity: IdentityClient; logger: Logger }): Router {
  const router = Router()
  router.post(BACKCHANNEL_LOGOUT_PATH, express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    res.set('Cache-Control', 'no-store')
    const token = (req.body as Record<string, unknown> | undefined)?.logout_token
    if (typeof token !== 'string' || token.length === 0) return res.status(400).json({ error: 'invalid_request', error_description: 'logout_token is required' })
    let ended: { sub?: string; sid?: string }
    try {
      ended = await options.identity.verifyLogoutToken(token)
    } catch (error) {
      options.logger.warn({ reason: (error as Error).message }, 'refused a back-channel logout token')
      return res.status(400).json({ error: 'invalid_request', error_description: 'the logout token is not valid' })
    }
    const sessions = await options.db
      .deleteFrom('web_sessions')
      .where(
        ended.sid
          ? sql<boolean>`data -> 'user' ->> 'identitySessionId' = ${ended.sid}`
          : sql<boolean>`data -> 'user' ->> 'sub' = ${ended.sub ?? ''}`,
      )
      .executeTakeFirst()
    options.logger.info({ sessions: Number(sessions.numDeletedRows) }, 'ended sessions after signing out of the identity service')
    res.status(200).end()
  })
  return router
}
