import { createServer, request, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { Router } from 'express'
import * as oidc from 'openid-client'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { createIdentityApp, type IdentityApp, type IdentityAppDependencies } from '../app.ts'
import { registerClient, type NewClient } from '../clients/clients.ts'
import type { IdentityConfig } from '../config.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema, type UserRow } from '../database/schema.ts'
import type { SignInRequest, SignInSeam } from '../interaction/sign-in-seam.ts'
import type { PrivateJwk } from '../signing-keys/keys.ts'
import { createUser, type NewUser } from '../users/users.ts'
import { createBrowser, type TestBrowser } from './browser.ts'

export const TEST_COOKIE_KEYS = ['test-cookie-key-0123456789-abcdefghijklmnop']
export const CALLBACK = 'https://client.example.test/callback'

export type TestClient = { clientId: string; clientSecret: string | null }

export type TestIdentity = {
  issuer: string
  database: TestDatabase<IdentitySchema>
  /** The running instances (one unless `instances` was given), and how many requests each has served. */
  instances: Array<{ app: IdentityApp; url: string; requests: number }>
  /** The next sign-in the test journey completes is as this person; `undefined` makes it refuse with access_denied. */
  signInAs(userSub: string | undefined): void
  /** While held, the test journey stops at its first page (200) instead of finishing, as a person mid-journey would. */
  holdSignIns(hold: boolean): void
  /** What the test journey was told about the last sign-in it handled. */
  lastSignInRequest(): SignInRequest | undefined
  registerClient(client?: Partial<NewClient>): Promise<TestClient>
  createUser(user?: Partial<NewUser>): Promise<UserRow>
  browser(): TestBrowser
  /** A relying party configured by discovery, as openid-client sees this provider. */
  relyingParty(client: TestClient, auth?: oidc.ClientAuth): Promise<oidc.Configuration>
  logs(): string
  close(): Promise<void>
}

export type TestIdentityOptions = {
  /** Several app instances over one database behind a round-robin load balancer. */
  instances?: number
  signingKeys?: PrivateJwk[]
  keyRotation?: IdentityConfig['keyRotation']
  logLevel?: 'info' | 'silent'
  /** The real sign-in journey (or another) instead of the stand-in below. */
  signIn?: (database: TestDatabase<IdentitySchema>) => (seam: SignInSeam) => Router
  localOutboxDir?: string
  demo?: IdentityAppDependencies['demo']
  records?: IdentityAppDependencies['records']
}

let userCounter = 0

/**
 * The identity provider as a client service meets it: real HTTP on an ephemeral port, a fresh database, and a stand-in
 * sign-in journey that finishes sign-ins through the same seam (createSignInSeam) the real journey will use.
 */
export async function startTestIdentity(options: TestIdentityOptions = {}): Promise<TestIdentity> {
  const database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
  const lines: string[] = []
  const logger = createLogger({
    name: 'identity-test',
    level: options.logLevel ?? 'silent',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    }),
  })
  let nextUser: string | undefined
  let lastRequest: SignInRequest | undefined
  let holding = false

  const testJourney = (seam: SignInSeam) => {
    const router = Router()
    router.get('/', async (req, res, next) => {
      try {
        const uid = String(req.query.interaction ?? '')
        const signIn = await seam.signInRequest(req, uid)
        if (!signIn) return res.status(400).type('text').send('no sign-in in progress for this browser')
        lastRequest = signIn
        if (holding) return res.status(200).type('text').send(`signing in for ${signIn.client.name}`)
        if (nextUser) await seam.completeSignIn(req, res, uid, { userSub: nextUser, amr: ['otp'] })
        else await seam.abandonSignIn(req, res, uid, { error: 'access_denied', description: 'the person cannot use this service' })
      } catch (error) {
        next(error)
      }
    })
    return router
  }

  const count = options.instances ?? 1
  const servers: Server[] = []
  const listenOn = async (handler: RequestListener) => {
    const server = createServer(handler)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push(server)
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  // The issuer must be known before the apps are built, so listen first and plug the apps in afterwards.
  const handlers: RequestListener[] = []
  const urls: string[] = []
  for (let index = 0; index < count; index++) {
    urls.push(await listenOn((req, res) => (handlers[index] as RequestListener)(req, res)))
  }
  const issuer = count === 1 ? (urls[0] as string) : await listenOn(roundRobin(urls))

  const instances: TestIdentity['instances'] = []
  for (let index = 0; index < count; index++) {
    const app = await createIdentityApp({
      database,
      config: {
        environment: 'test',
        issuer,
        cookieKeys: TEST_COOKIE_KEYS,
        signingKeys: options.signingKeys,
        keyRotation: options.keyRotation ?? { rotateAfterDays: 0, publishAheadHours: 24 },
        allowPrivateCallbacks: true,
      },
      clock: systemClock,
      logger,
      signIn: options.signIn ? options.signIn(database) : testJourney,
      keyRefreshIntervalMs: 0,
      localOutboxDir: options.localOutboxDir,
      demo: options.demo,
      records: options.records,
    })
    const instance = { app, url: urls[index] as string, requests: 0 }
    instances.push(instance)
    handlers[index] = (req, res) => {
      instance.requests++
      app.app(req, res)
    }
  }

  return {
    issuer,
    database,
    instances,
    signInAs(userSub) {
      nextUser = userSub
    },
    holdSignIns(hold) {
      holding = hold
    },
    lastSignInRequest: () => lastRequest,
    async registerClient(client = {}) {
      const grantTypes = client.grantTypes ?? ['authorization_code']
      return registerClient(
        database.db,
        systemClock,
        {
          name: 'Test service',
          redirectUris: grantTypes.includes('authorization_code') ? [CALLBACK] : [],
          scopes: ['openid', 'email', 'profile', 'trn'],
          grantTypes,
          ...client,
        },
        { actor: 'test', requireHttps: false },
      )
    },
    async createUser(user = {}) {
      userCounter++
      return createUser(
        database.db,
        {
          email: `teacher${userCounter}.${Date.now()}@school.example`,
          email_verified: true,
          given_name: 'Sarah',
          middle_name: 'Jane',
          family_name: 'Thompson',
          preferred_name: 'Sarah Thompson',
          birthdate: '1986-04-12',
          trn: null,
          trn_lookup_status: null,
          trn_verification_level: null,
          ...user,
        },
        new Date(),
      )
    },
    browser: () => createBrowser([issuer, ...urls]),
    async relyingParty(client, auth) {
      const clientAuth = auth ?? oidc.ClientSecretBasic(client.clientSecret ?? undefined)
      return oidc.discovery(new URL(issuer), client.clientId, undefined, clientAuth, { execute: [oidc.allowInsecureRequests] })
    },
    logs: () => lines.join(''),
    async close() {
      for (const server of servers) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
      await database.drop()
    },
  }
}

/** A load balancer that sends each request to the next instance in turn, keeping the Host the browser used. */
function roundRobin(targets: string[]): RequestListener {
  let next = 0
  return (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(targets[next++ % targets.length] as string)
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(res)
      },
    )
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  }
}
