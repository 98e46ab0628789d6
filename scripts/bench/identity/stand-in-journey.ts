// Seeding refresh tokens before the real sign-in journey exists: a second instance of our own app (createIdentityApp)
// over the benchmark database, with the same issuer as the service under test and a stand-in journey that signs in
// the person named by login_hint through the SignInSeam, exactly as apps/identity/src/testing/test-identity.ts does in
// the protocol tests. Instances share everything through the database (as in production), so the code it issues is
// redeemed, and its refresh tokens used, at the service under test. Used only to seed; never measured.
import { createServer, type Server } from 'node:http'
import { Writable } from 'node:stream'
import { Router } from 'express'
import { systemClock } from '../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../packages/kit/src/logger.ts'
import { createIdentityApp } from '../../../apps/identity/src/app.ts'
import { DEVELOPMENT_COOKIE_KEY } from '../../../apps/identity/src/config.ts'
import type { IdentityDatabase } from '../../../apps/identity/src/database/schema.ts'
import type { SignInSeam } from '../../../apps/identity/src/interaction/sign-in-seam.ts'
import { findUserByEmail } from '../../../apps/identity/src/users/users.ts'

export type StandIn = { url: string; close(): Promise<void> }

export async function startStandInInstance(database: IdentityDatabase, issuer: string): Promise<StandIn> {
  const logger = createLogger({ name: 'identity-bench-stand-in', level: 'warn', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const standInJourney = (seam: SignInSeam) => {
    const router = Router()
    router.get('/', async (req, res, next) => {
      try {
        const uid = String(req.query.interaction ?? '')
        const request = await seam.signInRequest(req, uid)
        if (!request) return res.status(400).type('text').send('no sign-in in progress for this browser')
        const user = request.loginHint ? await findUserByEmail(database.db, request.loginHint) : undefined
        if (user) await seam.completeSignIn(req, res, uid, { userSub: user.sub, amr: ['otp'] })
        else await seam.abandonSignIn(req, res, uid, { error: 'access_denied', description: 'no such benchmark user' })
      } catch (error) {
        next(error)
      }
    })
    return router
  }
  const { app } = await createIdentityApp({
    database,
    config: {
      environment: 'test',
      issuer,
      cookieKeys: [DEVELOPMENT_COOKIE_KEY],
      signingKeys: undefined,
      // Never creates or rotates keys: the service under test made the one it signs with.
      keyRotation: { rotateAfterDays: 0, publishAheadHours: 24 },
      allowPrivateCallbacks: true,
    },
    clock: systemClock,
    logger,
    signIn: standInJourney,
  })
  const server: Server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
