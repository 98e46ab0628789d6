// npm run bench:identity [-- --seconds 10 --warmup 3 --concurrency 16 --users 10000 --parts sign-in,client-credentials,refresh
//                            --rounds 1 --node-env test --profile --skip-bare --keep-database]
//
// How much the identity provider does per core, on PostgreSQL (BENCH_DATABASE_URL, default the local server, in a
// fresh database of its own), and what our storage and configuration cost beside a bare oidc-provider:
//   1. complete sign-ins of existing people: authorization request (PKCE S256, nonce) → the journey's email page →
//      its email code page (the fixed code setting) → token → userinfo, over HTTP like a browser and a client would;
//   2. client_credentials grants, and refresh grants with rotation (each uses the token the previous one returned);
//   3. the same against oidc-provider with its in-memory adapter and an equivalent minimal configuration.
// The service runs as its own process (`node apps/identity/src/main.ts`), so the load generator never shares its event
// loop; its CPU time and PostgreSQL's are read from /proc, which is how "per core" is counted (see the printout).
import { generateKeyPairSync, sign } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { systemClock } from '../../packages/kit/src/clock.ts'
import { openDatabase } from '../../packages/kit/src/database.ts'
import { registerClient } from '../../apps/identity/src/clients/clients.ts'
import type { IdentitySchema } from '../../apps/identity/src/database/schema.ts'
import { verifyWithJwks, type Jwks } from '../../apps/identity/src/testing/jwt.ts'
import { BENCH_SERVER_URL, benchDatabaseUrl } from './bench-database.ts'
import { createPersonBrowser } from './identity/browser.ts'
import { runFor, type LoadResult } from './identity/load.ts'
import { checkUserinfo, PATHS, ProtocolError, signIn, tokenRequest, type BenchClient, type SignedIn } from './identity/oauth.ts'
import { cpuBetween, freePort, machineCpu, postgresCpu, processCpu, startService, waitHealthy, type PostgresCpu, type Service } from './identity/processes.ts'
import { compareReport, readPhase, type PhaseProfile } from './identity/profile-report.ts'
import type { StandIn } from './identity/stand-in-journey.ts'

// ---- settings -------------------------------------------------------------------------------------------------
const PARTS = ['sign-in', 'client-credentials', 'refresh'] as const
type Part = (typeof PARTS)[number]

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    users: { type: 'string', default: '10000' },
    parts: { type: 'string', default: PARTS.join(',') },
    rounds: { type: 'string', default: '1' },
    'node-env': { type: 'string', default: 'test' },
    profile: { type: 'boolean', default: false },
    'skip-bare': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
  },
})

function wholeNumber(name: string, text: string | undefined, low: number, high: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < low || value > high) {
    console.error(`--${name} must be a whole number from ${low} to ${high}`)
    process.exit(2)
  }
  return value
}
const seconds = wholeNumber('seconds', values.seconds, 1, 600)
const warmup = wholeNumber('warmup', values.warmup, 0, 120)
const concurrency = wholeNumber('concurrency', values.concurrency, 1, 512)
const userCount = wholeNumber('users', values.users, 2 * wholeNumber('concurrency', values.concurrency, 1, 512) + 2, 999_999)
const rounds = wholeNumber('rounds', values.rounds, 1, 20)
const nodeEnv = values['node-env'] ?? 'test'
if (nodeEnv !== 'test' && nodeEnv !== 'development') {
  console.error('--node-env must be test or development (the fixed email code is refused in production)')
  process.exit(2)
}
const parts = new Set((values.parts ?? '').split(',').map((part) => part.trim()).filter(Boolean))
for (const part of parts) {
  if (!(PARTS as readonly string[]).includes(part)) {
    console.error(`--parts takes ${PARTS.join(', ')}`)
    process.exit(2)
  }
}
const wanted = (part: Part) => parts.has(part)

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DATABASE = 'identity_bench'
const FIXED_CODE = '123456'
const REDIRECT_URI = 'http://127.0.0.1/identity-bench/callback'
const SIGN_IN_SCOPE = 'openid email profile trn'
const OFFLINE_SCOPE = 'openid email profile offline_access'
const API_SCOPE = 'user:read'
const TARGETS = { signInsPerCore: 150, grantsPerCore: 1200, costRatio: 1.5 }
const CPUS = availableParallelism()
const log = (line = '') => console.log(line)
const emailOf = (n: number) => `bench.teacher.${n}@school.example`

// ---- measuring ------------------------------------------------------------------------------------------------
type Target = { label: string; url: string; service: Service; postgres: PostgresCpu | undefined; profileDirectory: string | undefined; phases: number }

type Measured = {
  load: LoadResult
  /** CPU seconds of the service process during the measured time, and how much of it the kernel spent for it. */
  serviceCpu: number | undefined
  serviceSystemCpu: number | undefined
  /** CPU seconds of PostgreSQL's processes for the benchmark database; undefined when not measurable or not used. */
  postgresCpu: number | undefined
  generatorCpu: number
  /** CPU seconds the rest of the machine spent meanwhile (other processes, interrupts), and the hypervisor stole: noise. */
  otherCpu: number | undefined
  stolenCpu: number | undefined
  profile: PhaseProfile | undefined
}

async function waitForFile(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`the phase recorder did not write ${path} within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Warm up, then run `operation` for the measured time, reading CPU time before and after. */
async function measure(target: Target, operation: (worker: number) => Promise<void>): Promise<Measured> {
  if (warmup > 0) await runFor({ seconds: warmup, concurrency, operation })
  let phase: number | undefined
  if (target.profileDirectory) {
    phase = ++target.phases
    process.kill(target.service.pid, 'SIGUSR2')
    await waitForFile(join(target.profileDirectory, `phase-${phase}.started`), 10_000)
  }
  const postgresBefore = await target.postgres?.sample()
  const serviceBefore = processCpu(target.service.pid)
  const generatorBefore = process.cpuUsage()
  const machineBefore = machineCpu()
  const load = await runFor({ seconds, concurrency, operation })
  const machineAfter = machineCpu()
  const generator = process.cpuUsage(generatorBefore)
  const serviceAfter = processCpu(target.service.pid)
  const postgresAfter = await target.postgres?.sample()
  let profile: PhaseProfile | undefined
  if (target.profileDirectory && phase !== undefined) {
    process.kill(target.service.pid, 'SIGUSR2')
    await waitForFile(join(target.profileDirectory, `phase-${phase}.json`), 60_000)
    profile = readPhase(target.profileDirectory, phase, load.operations, ROOT)
  }
  const measured: Measured = {
    load,
    serviceCpu: serviceBefore && serviceAfter ? serviceAfter.user + serviceAfter.system - serviceBefore.user - serviceBefore.system : undefined,
    serviceSystemCpu: serviceBefore && serviceAfter ? serviceAfter.system - serviceBefore.system : undefined,
    postgresCpu: postgresBefore && postgresAfter ? cpuBetween(postgresBefore, postgresAfter) : undefined,
    generatorCpu: (generator.user + generator.system) / 1e6,
    otherCpu: undefined,
    stolenCpu: machineBefore && machineAfter ? machineAfter.steal - machineBefore.steal : undefined,
    profile,
  }
  if (machineBefore && machineAfter && measured.serviceCpu !== undefined) {
    const accounted = measured.serviceCpu + (measured.postgresCpu ?? 0) + measured.generatorCpu
    measured.otherCpu = Math.max(0, machineAfter.busy - machineBefore.busy - accounted)
  }
  return measured
}

// ---- the operations -------------------------------------------------------------------------------------------
/** A complete sign-in by a person who already has an account, then userinfo, as a relying party would do it. */
async function completeSignIn(target: Target, client: BenchClient, email: string, options: { loginHint: boolean }): Promise<SignedIn> {
  const signedIn = await signIn(createPersonBrowser([target.url]), target.url, client, { email, code: FIXED_CODE }, { scope: SIGN_IN_SCOPE, ...(options.loginHint ? { loginHint: email } : {}) })
  await checkUserinfo(target.url, signedIn, email)
  return signedIn
}

/** One refresh chain per worker, each refresh using the token the previous one returned; spares replace broken chains. */
function refreshChains(target: Target, client: BenchClient, seeds: string[]) {
  const tokens = [...seeds]
  const chainOf = Array.from({ length: concurrency }, (_unused, worker) => worker)
  let nextSpare = concurrency
  return async (worker: number) => {
    const index = chainOf[worker] as number
    try {
      const refreshed = await tokenRequest(target.url, client, { grant_type: 'refresh_token', refresh_token: tokens[index] as string })
      if (!refreshed.refresh_token || !refreshed.id_token) throw new ProtocolError('the refresh gave no new refresh token or ID token')
      tokens[index] = refreshed.refresh_token
    } catch (error) {
      // The chain's token may have been used up by a request that failed half-way: carry on with a fresh chain.
      if (nextSpare < tokens.length) chainOf[worker] = nextSpare++
      throw error
    }
  }
}

const clientCredentials = (target: Target, client: BenchClient) => async () => {
  await tokenRequest(target.url, client, { grant_type: 'client_credentials', scope: API_SCOPE })
}

// ---- checks before measuring ----------------------------------------------------------------------------------
async function jwksOf(url: string): Promise<Jwks> {
  const response = await fetch(`${url}${PATHS.jwks}`)
  if (response.status !== 200) throw new Error(`the JWKS answered ${response.status}`)
  return (await response.json()) as Jwks
}

async function verifyClientCredentials(target: Target, client: BenchClient, jwks: Jwks) {
  const tokens = await tokenRequest(target.url, client, { grant_type: 'client_credentials', scope: API_SCOPE })
  const claims = verifyWithJwks(tokens.access_token, jwks)
  const audiences = ([] as unknown[]).concat(claims.aud)
  if (!audiences.includes(`${target.url}/api`)) throw new Error(`client_credentials token for ${String(claims.aud)}, not the API`)
  if (!String(claims.scope ?? '').split(' ').includes(API_SCOPE)) throw new Error(`client_credentials token without ${API_SCOPE}`)
  if (claims.client_id !== client.clientId) throw new Error('client_credentials token for another client')
}

function verifyIdToken(target: Target, client: BenchClient, signedIn: SignedIn, jwks: Jwks) {
  const claims = verifyWithJwks(signedIn.tokens.id_token as string, jwks)
  if (claims.iss !== target.url) throw new Error(`ID token from ${String(claims.iss)}`)
  if (!([] as unknown[]).concat(claims.aud).includes(client.clientId)) throw new Error('ID token for another client')
}

/** Rotation as the README promises: a new token each time, and the old one refused (which revokes the whole grant). */
async function verifyRotation(target: Target, client: BenchClient, refreshToken: string, options: { reuseRevokes: boolean }) {
  const refreshed = await tokenRequest(target.url, client, { grant_type: 'refresh_token', refresh_token: refreshToken })
  if (!refreshed.refresh_token || refreshed.refresh_token === refreshToken) throw new Error('the refresh token did not rotate')
  if (!refreshed.id_token) throw new Error('the refresh gave no ID token')
  const reused = await tokenRequest(target.url, client, { grant_type: 'refresh_token', refresh_token: refreshToken }).then(
    () => 'accepted',
    (error: unknown) => (error instanceof ProtocolError && error.message.includes('invalid_grant') ? 'refused' : String(error)),
  )
  if (reused !== 'refused') throw new Error(`a used refresh token was ${reused}`)
  if (options.reuseRevokes) {
    const after = await tokenRequest(target.url, client, { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token }).then(
      () => 'accepted',
      () => 'refused',
    )
    if (after !== 'refused') throw new Error('reusing a refresh token did not revoke its grant')
  }
}

/** The requests a sign-in made of the provider: every page and redirect it visited, then the token request and userinfo. */
const requestsOf = (signedIn: SignedIn) => signedIn.pages.filter((page) => page !== '(client callback)').length + 2

/** The journey's path without the random parts, for the log. */
const journeyPath = (pages: string[]) =>
  pages
    .map((path) => path.replace(/\/[A-Za-z0-9_-]{16,}(?=\/|$)/g, '/:uid'))
    .filter((path, index, all) => path !== all[index - 1])
    .join(' → ')

/** Seeds refresh tokens `count` at a time with `seed`, a few at once. */
async function seedRefreshTokens(count: number, seed: (n: number) => Promise<SignedIn>): Promise<string[]> {
  const tokens: string[] = []
  let next = 1
  await Promise.all(
    Array.from({ length: Math.min(4, count) }, async () => {
      while (next <= count) {
        const signedIn = await seed(next++)
        if (!signedIn.tokens.refresh_token) throw new Error('a sign-in with offline_access and prompt=consent gave no refresh token')
        tokens.push(signedIn.tokens.refresh_token)
      }
    }),
  )
  return tokens
}

// ---- our service ----------------------------------------------------------------------------------------------
type PartResult = { measured?: Measured; unavailable?: string }
type Results = Partial<Record<Part, PartResult>>

const cleanups: Array<() => Promise<void>> = []
const profileArgs = (directory: string | undefined) => (directory ? ['--import', join(ROOT, 'scripts/bench/identity/phase-recorder.ts')] : [])
const serviceWarnings: string[] = []

/**
 * One side of the comparison, set up and checked, ready to measure: each part's operation (made just before the part,
 * so that work such as seeding refresh tokens happens right before it is needed), or why the part cannot run.
 */
type Side = {
  target: Target
  /** HTTP requests one complete sign-in makes here: the provider's pages and redirects, the token request and userinfo. */
  requestsPerSignIn: number | undefined
  parts: Partial<Record<Part, { unavailable: string } | { label: string; operation: () => Promise<(worker: number) => Promise<void>> }>>
  stop(): Promise<void>
}

async function prepareOurs(databaseUrl: string, dataDirectory: string, profileDirectory: string | undefined): Promise<{ side: Side; client: BenchClient }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // Nobody listens there: the people signing in already have accounts and the client does not block prohibited teachers,
  // so the journey has no reason to ask the records service anything, and nothing outside this benchmark is measured.
  const closedPort = await freePort()
  const service = startService({
    name: 'identity service',
    url,
    args: [...profileArgs(profileDirectory), 'apps/identity/src/main.ts'],
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: nodeEnv,
      IDENTITY_PORT: String(port),
      IDENTITY_ISSUER: url,
      IDENTITY_DATABASE_URL: databaseUrl,
      IDENTITY_RECORDS_URL: `http://127.0.0.1:${closedPort}`,
      DATA_DIR: dataDirectory,
      LOG_LEVEL: 'warn',
      IDENTITY_FIXED_EMAIL_CODE: FIXED_CODE,
      IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true',
      // Each simulated person has an address of their own (X-Forwarded-For), but should the service stop trusting it,
      // limits this high still never refuse while their checks run as in production.
      IDENTITY_LIMIT_CODES_PER_EMAIL: '1000000',
      IDENTITY_LIMIT_CODES_PER_IP: '1000000',
      IDENTITY_LIMIT_WRONG_CODES_PER_IP: '1000000',
      ...(profileDirectory ? { BENCH_PROFILE_DIR: profileDirectory } : {}),
    },
  })
  cleanups.push(() => service.stop())
  await waitHealthy(service)
  log(`started the identity service (pid ${service.pid}) at ${url}, NODE_ENV=${nodeEnv}, LOG_LEVEL=warn, database ${DATABASE}`)

  // The benchmark's client and people, straight into the tables the service reads (a new client reaches its client cache
  // through the clients_changed notification, as one registered by an operator would).
  const database = await openDatabase<IdentitySchema>({ url: databaseUrl }, { poolSize: 4 })
  let standIn: StandIn | undefined
  const parts: Side['parts'] = {}
  let client: BenchClient
  let target: Target
  let requestsPerSignIn: number | undefined
  try {
    const registered = await registerClient(
      database.db,
      systemClock,
      {
        name: 'Identity benchmark',
        clientId: 'identity-bench',
        redirectUris: [REDIRECT_URI],
        scopes: ['openid', 'email', 'profile', 'trn', 'offline_access', API_SCOPE],
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        trnRequirement: 'optional',
      },
      { actor: 'bench', requireHttps: false },
    )
    client = { clientId: registered.clientId, clientSecret: registered.clientSecret as string, redirectUri: REDIRECT_URI }
    const started = performance.now()
    await sql`
      insert into users (email, email_verified, given_name, family_name, preferred_name, birthdate, trn, trn_lookup_status, trn_verification_level, created_at, updated_at)
      select 'bench.teacher.' || n || '@school.example', true, 'Sarah', 'Thompson', 'Sarah Thompson', date '1970-01-01' + (n % 12000),
             (3000000 + n)::text, 'Found', 'low', now(), now()
      from generate_series(1, ${userCount}::int) as n`.execute(database.db)
    log(`registered client ${client.clientId} and ${userCount.toLocaleString('en-GB')} people with accounts (and TRNs) in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    target = { label: 'ours', url, service, postgres: undefined, profileDirectory, phases: 0 }
    const jwks = await jwksOf(url)
    await verifyClientCredentials(target, client, jwks)
    log('verified: client_credentials gives an RS256 JWT for the identity API that verifies against the JWKS')

    // Is the sign-in journey there, and does it take the fixed code?
    const probe = await fetch(`${url}/sign-in/email`, { redirect: 'manual' })
    await probe.arrayBuffer()
    let journey: 'works' | string
    if (probe.status === 501 || probe.status === 404) {
      journey = 'sign-in journey not available yet'
      log(`${journey} (GET /sign-in/email answers ${probe.status})`)
    } else {
      try {
        const signedIn = await completeSignIn(target, client, emailOf(userCount), { loginHint: false })
        verifyIdToken(target, client, signedIn, jwks)
        journey = 'works'
        requestsPerSignIn = requestsOf(signedIn)
        log(`verified: a complete sign-in through ${journeyPath(signedIn.pages)}, ID token signed and for this client, userinfo about the same person`)
      } catch (error) {
        journey = `sign-in journey not usable: ${(error as Error).message}`
        log(`${journey} (is IDENTITY_FIXED_EMAIL_CODE with IDENTITY_ALLOW_FIXED_EMAIL_CODE=true supported yet?)`)
      }
    }

    // Refresh tokens to start the chains from: through the journey when it works, otherwise through a stand-in journey.
    let seeds: string[] = []
    if (wanted('refresh')) {
      const count = 2 * concurrency + 1
      const started = performance.now()
      if (journey === 'works') {
        seeds = await seedRefreshTokens(count, async (n) =>
          signIn(createPersonBrowser([url]), url, client, { email: emailOf(n), code: FIXED_CODE }, { scope: OFFLINE_SCOPE, prompt: 'consent' }),
        )
        log(`seeded ${count} refresh tokens with complete sign-ins through the journey in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      } else {
        // Loaded only when needed: it builds a second instance of our app in this process.
        const { startStandInInstance } = await import('./identity/stand-in-journey.ts')
        standIn = await startStandInInstance(database, url)
        const origin = standIn.url
        seeds = await seedRefreshTokens(count, async (n) =>
          signIn(createPersonBrowser([url, origin]), url, client, { email: emailOf(n), code: FIXED_CODE }, { scope: OFFLINE_SCOPE, prompt: 'consent', loginHint: emailOf(n), authorizeAt: origin }),
        )
        log(`seeded ${count} refresh tokens through a second instance of our app with a stand-in journey (the SignInSeam), codes redeemed at the service, in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      }
      await verifyRotation(target, client, seeds.pop() as string, { reuseRevokes: true })
      log('verified: refresh tokens rotate, and reusing an old one is refused and revokes the grant')
    }
    if (standIn) await standIn.close()
    standIn = undefined
    await database.close()

    target.postgres = await postgresCpu(BENCH_SERVER_URL, DATABASE)
    cleanups.push(() => target.postgres?.close() ?? Promise.resolve())
    if (!(await target.postgres.sample())) {
      log(`PostgreSQL's processes cannot be read from this machine: per core figures divide by os.availableParallelism() (${CPUS}) instead`)
      target.postgres = undefined
    }

    const ours = target
    if (journey !== 'works') parts['sign-in'] = { unavailable: journey }
    else {
      let nextUser = 2 * concurrency + 1
      parts['sign-in'] = {
        label: 'complete sign-ins',
        operation: async () => async () => {
          const n = (nextUser++ % (userCount - 1)) + 1
          await completeSignIn(ours, client, emailOf(n), { loginHint: false })
        },
      }
    }
    parts['client-credentials'] = { label: 'client_credentials grants', operation: async () => clientCredentials(ours, client) }
    // One set of chains for every round: each refresh token can be used once only.
    let chains: ((worker: number) => Promise<void>) | undefined
    parts.refresh = { label: 'refresh grants', operation: async () => (chains ??= refreshChains(ours, client, seeds)) }
  } finally {
    await standIn?.close()
    await database.close().catch(() => undefined)
  }
  const stop = async () => {
    await service.stop()
    serviceWarnings.push(...service.output())
  }
  return { side: { target, requestsPerSignIn, parts, stop }, client }
}

// ---- what one SQL round trip costs here ----------------------------------------------------------------------
type RoundTrip = { perSecond: number; clientMicroseconds: number; serverMicroseconds: number | undefined }

/**
 * The floor under every statement the service sends: `select $1` through node-postgres from this process, as many in
 * flight as the benchmark's requests, with the CPU it costs here and in PostgreSQL. Run while nothing else is measured.
 */
async function sqlRoundTrip(databaseUrl: string): Promise<RoundTrip> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
  // pool.end() resolves before its connections have closed; the benchmark database dropped right after ends them from
  // the server's side, which must not crash the run that has just finished measuring.
  pool.on('error', () => undefined)
  const postgres = await postgresCpu(BENCH_SERVER_URL, DATABASE)
  try {
    const operation = async () => {
      await pool.query('select $1::int as n', [1])
    }
    await runFor({ seconds: 1, concurrency, operation })
    const postgresBefore = await postgres.sample()
    const clientBefore = process.cpuUsage()
    const load = await runFor({ seconds: Math.min(seconds, 5), concurrency, operation })
    const client = process.cpuUsage(clientBefore)
    const postgresAfter = await postgres.sample()
    return {
      perSecond: load.operations / load.elapsedSeconds,
      clientMicroseconds: (client.user + client.system) / load.operations,
      serverMicroseconds: postgresBefore && postgresAfter ? (cpuBetween(postgresBefore, postgresAfter) * 1e6) / load.operations : undefined,
    }
  } finally {
    await postgres.close()
    await pool.end()
  }
}

/**
 * The CPU of one RS256 signature (RSA-2048, as every ID token and API access token here) in this process: a floor under
 * each grant that no storage or configuration can lower, and it varies several-fold between machines.
 */
function rs256Microseconds(): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const payload = Buffer.alloc(400, 1)
  for (let warm = 0; warm < 20; warm++) sign('sha256', payload, privateKey)
  const count = 200
  const before = process.cpuUsage()
  for (let done = 0; done < count; done++) sign('sha256', payload, privateKey)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / count
}

// ---- the bare library -----------------------------------------------------------------------------------------
async function prepareBare(client: BenchClient, profileDirectory: string | undefined): Promise<Side> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const service = startService({
    name: 'bare oidc-provider',
    url,
    args: [...profileArgs(profileDirectory), 'scripts/bench/identity/bare-provider.ts'],
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: nodeEnv,
      BENCH_BARE_PORT: String(port),
      BENCH_BARE_CLIENT: JSON.stringify({ ...client, scope: 'openid email profile trn offline_access', apiScopes: API_SCOPE }),
      ...(profileDirectory ? { BENCH_PROFILE_DIR: profileDirectory } : {}),
    },
  })
  cleanups.push(() => service.stop())
  await waitHealthy(service)
  log(`started a bare oidc-provider (pid ${service.pid}) at ${url}: in-memory adapter, equivalent configuration, no journey pages`)
  const target: Target = { label: 'bare', url, service, postgres: undefined, profileDirectory, phases: 0 }
  const jwks = await jwksOf(url)
  await verifyClientCredentials(target, client, jwks)
  const signedIn = await completeSignIn(target, client, emailOf(1), { loginHint: true })
  verifyIdToken(target, client, signedIn, jwks)
  // The in-memory adapter is an LRU cache of 1,000 entries: refresh tokens are seeded just before they are used.
  const seed = async () => {
    const seeds = await seedRefreshTokens(2 * concurrency + 1, async (n) =>
      signIn(createPersonBrowser([url]), url, client, { email: emailOf(n), code: FIXED_CODE }, { scope: OFFLINE_SCOPE, prompt: 'consent', loginHint: emailOf(n) }),
    )
    await verifyRotation(target, client, seeds.pop() as string, { reuseRevokes: false })
    return seeds
  }
  if (wanted('refresh')) await seed()
  log(`verified the bare provider the same way: ${journeyPath(signedIn.pages)}`)
  let nextUser = 1
  return {
    target,
    requestsPerSignIn: requestsOf(signedIn),
    parts: {
      'sign-in': {
        label: 'bare authorization code flows (+ userinfo)',
        operation: async () => async () => {
          await completeSignIn(target, client, emailOf((nextUser++ % userCount) + 1), { loginHint: true })
        },
      },
      'client-credentials': { label: 'bare client_credentials grants', operation: async () => clientCredentials(target, client) },
      refresh: { label: 'bare refresh grants', operation: async () => refreshChains(target, client, await seed()) },
    },
    stop: () => service.stop(),
  }
}

/** Measures one part on one side, or says why it cannot. */
async function measurePart(side: Side, part: Part, round: number): Promise<PartResult | undefined> {
  const planned = side.parts[part]
  if (!planned) return undefined
  if ('unavailable' in planned) return { unavailable: planned.unavailable }
  const operation = await planned.operation()
  log(`measuring ${planned.label} for ${warmup} + ${seconds} s${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}...`)
  return { measured: await measure(side.target, operation) }
}

// ---- the figures ----------------------------------------------------------------------------------------------
/** Operations per CPU-second of the processes under test: what one fully busy core would do. */
function perCore(measured: Measured, withPostgres: boolean): { value: number; counted: string } {
  const service = measured.serviceCpu
  const postgres = withPostgres ? measured.postgresCpu : 0
  if (service === undefined || postgres === undefined) {
    return { value: measured.load.operations / measured.load.elapsedSeconds / CPUS, counted: `÷ ${CPUS} CPUs` }
  }
  return { value: measured.load.operations / (service + postgres), counted: 'CPU time' }
}

/** What several rounds of one part gave: the medians of our per core, the bare library's, and of the paired cost ratios. */
type RoundsSummary = { perCore: number[]; barePerCore: number[]; ratios: number[] }

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return undefined
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function printTable(ours: Results, bare: Results | undefined, summaries: Partial<Record<Part, RoundsSummary>>) {
  const labels: Record<Part, string> = {
    'sign-in': 'complete sign-ins (journey) + userinfo',
    'client-credentials': 'client_credentials grants',
    refresh: 'refresh grants (rotating)',
  }
  const targets: Record<Part, number> = { 'sign-in': TARGETS.signInsPerCore, 'client-credentials': TARGETS.grantsPerCore, refresh: TARGETS.grantsPerCore }
  const ofRounds = rounds > 1 ? ' (median)' : ''
  const header = ['part', 'ops', 'ops/s', 'p50 ms', 'p95 ms', 'errors', 'cores used', `ops/s ÷ ${CPUS} CPUs`, `per core${ofRounds}`, 'target', '', `bare per core${ofRounds}`, `cost ratio${ofRounds}`, 'target', '']
  const rows: string[][] = []
  const misses: string[] = []
  const fixed = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '–' : value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }))
  for (const part of PARTS) {
    const result = ours[part]
    if (!result) continue
    if (!result.measured) {
      rows.push([labels[part], result.unavailable ?? 'not measured'])
      continue
    }
    const measured = result.measured
    const load = measured.load
    // Every measured part has its rounds' summary (one round by default).
    const summary = summaries[part] as RoundsSummary
    const ours1 = { value: median(summary.perCore) as number, counted: perCore(measured, true).counted }
    const barePerCore = median(summary.barePerCore)
    const ratio = median(summary.ratios)
    const target = targets[part]
    const coreOk = ours1.value >= target
    if (!coreOk) misses.push(`${labels[part]}: ${fixed(ours1.value)} per core < ${target}`)
    const ratioApplies = part !== 'sign-in'
    if (ratioApplies && ratio !== undefined && ratio > TARGETS.costRatio) misses.push(`${labels[part]}: ${fixed(ratio, 2)}× the bare library's cost > ${TARGETS.costRatio}×`)
    const cpu = (measured.serviceCpu ?? 0) + (measured.postgresCpu ?? 0)
    rows.push([
      labels[part],
      fixed(load.operations),
      fixed(load.operations / load.elapsedSeconds),
      fixed(load.latenciesMs.p50, 1),
      fixed(load.latenciesMs.p95, 1),
      fixed(load.errors),
      fixed(cpu / load.elapsedSeconds, 2),
      fixed(load.operations / load.elapsedSeconds / CPUS),
      `${fixed(ours1.value)}${ours1.counted === 'CPU time' ? '' : '*'}`,
      `≥ ${target.toLocaleString('en-GB')}`,
      coreOk ? 'met' : 'MISSED',
      fixed(barePerCore),
      ratio === undefined ? '–' : `${fixed(ratio, 2)}×`,
      ratioApplies ? `≤ ${TARGETS.costRatio}×` : '(no target)',
      !ratioApplies || ratio === undefined ? '' : ratio <= TARGETS.costRatio ? 'met' : 'MISSED',
    ])
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.filter((row) => row.length > 2 || column === 0).map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ')
  log(line(header))
  log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) log(row.length > 2 ? line(row) : `${(row[0] ?? '').padEnd(widths[0] as number)}  ${row[1] ?? ''}`)
  return misses
}

// ---- the run --------------------------------------------------------------------------------------------------
const serverVersion = await (async () => {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await admin.connect()
  try {
    return String((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?')
  } finally {
    await admin.end()
  }
})()
log(`Identity benchmark: ${seconds} s per part after ${warmup} s of warm-up, ${concurrency} requests in flight, PostgreSQL ${serverVersion}, ${CPUS} CPUs, Node ${process.version}`)

const { url: databaseUrl } = await benchDatabaseUrl(DATABASE, { keep: false })
const dataDirectory = mkdtempSync(join(tmpdir(), 'identity-bench-data-'))
const profileDirectory = values.profile ? mkdtempSync(join(tmpdir(), 'identity-bench-profile-')) : undefined
const profileSubdirectory = (name: string) => {
  if (!profileDirectory) return undefined
  mkdirSync(join(profileDirectory, name))
  return join(profileDirectory, name)
}
const ours: Results = {}
let bare: Results | undefined
let roundTrip: RoundTrip | undefined
let signatureMicroseconds: number | undefined
type SideName = 'ours' | 'bare'
const sides: Array<{ name: SideName; side: Side }> = []
const summaries: Partial<Record<Part, RoundsSummary>> = {}
let failure: unknown
try {
  const prepared = await prepareOurs(databaseUrl, dataDirectory, profileSubdirectory('ours'))
  sides.push({ name: 'ours', side: prepared.side })
  if (!values['skip-bare']) {
    log('')
    bare = {}
    sides.push({ name: 'bare', side: await prepareBare(prepared.client, profileSubdirectory('bare')) })
  }
  // Part by part, ours and then the bare library's, so a machine that gets busier or quieter meanwhile affects both; in
  // several rounds, each round's pair gives one cost ratio, and the table shows the medians.
  log('')
  const roundsOf: Partial<Record<Part, Array<Partial<Record<SideName, PartResult>>>>> = {}
  for (let round = 1; round <= rounds; round++) {
    for (const part of PARTS) {
      if (!wanted(part)) continue
      const pair: Partial<Record<SideName, PartResult>> = {}
      for (const { name, side } of sides) {
        const result = await measurePart(side, part, round)
        if (result) pair[name] = result
      }
      ;(roundsOf[part] ??= []).push(pair)
    }
  }
  for (const part of PARTS) {
    const all = roundsOf[part] ?? []
    const measuredRounds = all.flatMap((pair) => {
      const oursMeasured = pair.ours?.measured
      if (!oursMeasured) return []
      const barePerCore = pair.bare?.measured ? perCore(pair.bare.measured, false).value : undefined
      return [{ pair, perCore: perCore(oursMeasured, true).value, barePerCore }]
    })
    summaries[part] = {
      perCore: measuredRounds.map((round) => round.perCore),
      barePerCore: measuredRounds.flatMap((round) => (round.barePerCore === undefined ? [] : [round.barePerCore])),
      ratios: measuredRounds.flatMap((round) => (round.barePerCore === undefined ? [] : [round.barePerCore / round.perCore])),
    }
    // The round shown in full is the one whose per core is the median (the lower middle one of an even number).
    const byPerCore = [...measuredRounds].sort((a, b) => a.perCore - b.perCore)
    const chosen = byPerCore[Math.floor((byPerCore.length - 1) / 2)]?.pair ?? all[0]
    if (chosen?.ours) ours[part] = chosen.ours
    if (chosen?.bare && bare) bare[part] = chosen.bare
  }
  for (const { side } of sides) await side.stop()
  roundTrip = await sqlRoundTrip(databaseUrl)
  signatureMicroseconds = rs256Microseconds()
} catch (error) {
  failure = error
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  rmSync(dataDirectory, { recursive: true, force: true })
  if (!values['keep-database']) {
    const admin = new pg.Client({ connectionString: BENCH_SERVER_URL })
    await admin.connect()
    await admin.query(`drop database if exists ${DATABASE} with (force)`).catch(() => undefined)
    await admin.end()
  }
}
if (failure) {
  console.error('the benchmark stopped:', failure instanceof Error ? failure.message : failure)
  if (serviceWarnings.length > 0) console.error(serviceWarnings.slice(-20).join('\n'))
  process.exit(1)
}

log('')
log(`Identity provider, ${seconds} s per part, ${concurrency} requests in flight (load generator on the same ${CPUS} CPUs)`)
const misses = printTable(ours, bare, summaries)
if (rounds > 1) {
  const list = (values: number[], digits: number, unit = '') => values.map((value) => `${value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`).join(', ')
  log(`In each of the ${rounds} rounds (the table: medians; its other columns: the round with the median per core):`)
  for (const part of PARTS) {
    const summary = summaries[part]
    if (!summary || summary.perCore.length === 0) continue
    log(`  ${part.padEnd(20)} per core ${list(summary.perCore, 0)}${summary.ratios.length > 0 ? `; bare ${list(summary.barePerCore, 0)}; cost ratio ${list(summary.ratios, 2, '×')}` : ''}`)
  }
}
log('')
log('per core   = operations ÷ CPU seconds the kernel charged, during the measured seconds, to the service process (every thread)')
log('             plus the PostgreSQL processes serving the benchmark database (its backends, WAL writer, checkpointer, postmaster):')
log('             operations per second of one fully busy core. cores used = those CPU seconds ÷ wall seconds.')
log(`             The load generator runs on the same ${CPUS} CPUs and is not counted; ops/s ÷ ${CPUS} CPUs is the cruder figure.`)
log('bare       = oidc-provider with its in-memory adapter and an equivalent configuration (scripts/bench/identity/bare-provider.ts),')
log('             per core of its own process; for sign-ins it runs the authorization code flow with no journey pages.')
log('cost ratio = our CPU per operation ÷ the bare library\'s (bare per core ÷ our per core): what our storage and configuration cost.')
if (Object.values(ours).some((result) => result?.measured && perCore(result.measured, true).counted !== 'CPU time')) log('*          = PostgreSQL not measurable here: ops/s ÷ os.availableParallelism()')
for (const part of PARTS) {
  const measured = ours[part]?.measured
  if (measured?.load.errors) log(`errors in ${part}: ${measured.load.errorSamples.join(' | ')}`)
  const bareMeasured = bare?.[part]?.measured
  if (bareMeasured?.load.errors) log(`errors in bare ${part}: ${bareMeasured.load.errorSamples.join(' | ')}`)
}
log('')
log('CPU per operation, µs           service  (kernel)  PostgreSQL    total     bare  bare (kernel)   meanwhile, CPU s: load generator, everything else, stolen')
for (const part of PARTS) {
  const measured = ours[part]?.measured
  if (!measured) continue
  const per = (value: number | undefined, operations: number) => (value === undefined ? '–' : Math.round((value * 1e6) / Math.max(1, operations)).toLocaleString('en-GB'))
  const operations = measured.load.operations
  const bareMeasured = bare?.[part]?.measured
  log(
    `${part.padEnd(30)} ${per(measured.serviceCpu, operations).padStart(8)}  ${`(${per(measured.serviceSystemCpu, operations)})`.padStart(8)}  ${per(measured.postgresCpu, operations).padStart(10)}  ` +
      `${per((measured.serviceCpu ?? 0) + (measured.postgresCpu ?? 0), operations).padStart(7)}  ${bareMeasured ? per(bareMeasured.serviceCpu, bareMeasured.load.operations).padStart(7) : '      –'}  ` +
      `${bareMeasured ? `(${per(bareMeasured.serviceSystemCpu, bareMeasured.load.operations)})`.padStart(13) : ''.padStart(13)}   ` +
      `${measured.generatorCpu.toFixed(1)}, ${measured.otherCpu?.toFixed(1) ?? '?'}, ${measured.stolenCpu?.toFixed(1) ?? '?'}`,
  )
}
const busyParts = PARTS.filter((part) => {
  const measured = ours[part]?.measured
  return measured?.otherCpu !== undefined && measured.otherCpu > 0.2 * CPUS * measured.load.elapsedSeconds
})
if (busyParts.length > 0) {
  log(`Other work used more than a fifth of the machine during ${busyParts.join(', ')}: those figures are pessimistic (CPU per operation grows with contention); run again on a quiet machine.`)
}
const requestsPerSignIn = Object.fromEntries(sides.map(({ name, side }) => [name, side.requestsPerSignIn])) as Partial<Record<SideName, number>>
const signInMeasured = ours['sign-in']?.measured
if (signInMeasured && requestsPerSignIn.ours) {
  // What the target leaves for each request a sign-in has to make, beside what each costs now, ours and the bare library's.
  const perRequest = (measured: Measured, requests: number, withPostgres: boolean) =>
    Math.round((((measured.serviceCpu ?? 0) + (withPostgres ? (measured.postgresCpu ?? 0) : 0)) * 1e6) / Math.max(1, measured.load.operations) / requests)
  const bareSignIn = bare?.['sign-in']?.measured
  log(
    `A complete sign-in here is ${requestsPerSignIn.ours} HTTP requests (bare: ${requestsPerSignIn.bare ?? '?'}): ${TARGETS.signInsPerCore} per core leaves ` +
      `${Math.round(1e6 / TARGETS.signInsPerCore / requestsPerSignIn.ours).toLocaleString('en-GB')} µs of CPU for each; ours take ${perRequest(signInMeasured, requestsPerSignIn.ours, true).toLocaleString('en-GB')} µs on average` +
      (bareSignIn && requestsPerSignIn.bare ? `, the bare library's ${perRequest(bareSignIn, requestsPerSignIn.bare, false).toLocaleString('en-GB')} µs (no pages, no database).` : '.'),
  )
}
if (signatureMicroseconds !== undefined) {
  log(
    `One RS256 signature here: ${Math.round(signatureMicroseconds)} µs of CPU. Every grant signs at least one token, so no provider here, bare or ours, ` +
      `can pass ${Math.floor(1e6 / signatureMicroseconds).toLocaleString('en-GB')} grants per core; ${TARGETS.grantsPerCore.toLocaleString('en-GB')} per core leaves ${Math.round(1e6 / TARGETS.grantsPerCore)} µs for a whole grant.`,
  )
}
if (roundTrip) {
  log(
    `One SQL round trip here (select $1 through node-postgres, ${concurrency} in flight, ${Math.round(roundTrip.perSecond).toLocaleString('en-GB')}/s): ` +
      `${Math.round(roundTrip.clientMicroseconds)} µs of CPU in the client process + ${roundTrip.serverMicroseconds === undefined ? '?' : Math.round(roundTrip.serverMicroseconds)} µs in PostgreSQL.`,
  )
}
const warnings = serviceWarnings.filter((line) => line.startsWith('{'))
if (warnings.length > 0) {
  const messages = [...new Set(warnings.map((line) => String((JSON.parse(line) as { msg?: unknown }).msg ?? line)))]
  log(`The service logged ${warnings.length} warnings or errors: ${messages.slice(0, 5).join(' | ')}`)
}
log(misses.length === 0 ? 'Every target met.' : `Targets missed:\n  ${misses.join('\n  ')}${profileDirectory ? '' : '\nRun with --profile to see where the time goes.'}`)

if (profileDirectory) {
  log('')
  log('Where the time goes (--profile: V8 CPU profiles of the service and the bare provider, and every SQL statement of the')
  log(`service, during each measured part; the figures above are lowered by profiling). Files in ${profileDirectory}`)
  for (const part of PARTS) {
    const profile = ours[part]?.measured?.profile
    if (!profile) continue
    log(`\n${part}${part === 'sign-in' ? ' (bare: authorization code flow without journey pages)' : ''}:`)
    for (const line of compareReport(profile, bare?.[part]?.measured?.profile)) log(line)
  }
}
