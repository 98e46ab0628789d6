// The yardstick: oidc-provider as the library comes, with its default in-memory adapter, configured like ours where it
// changes the work a request does (the same routes, grant types, PKCE required, scopes and claims in the ID token,
// refresh token rotation, RS256 for ID tokens and JWT access tokens for the API resource, implicit consent, the same
// lifetimes) and nothing else: no Express, no helmet, no request logging, no metrics, no database.
// Interactions sign in the person named by login_hint at once, with no pages.
//
// Run by scripts/bench/identity.ts as a child process: BENCH_BARE_PORT, BENCH_BARE_CLIENT (JSON of the client).
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import { protocolSettings } from '../../../apps/identity/src/oidc/provider.ts'
import type { BenchClient } from './oauth.ts'

const port = Number(process.env.BENCH_BARE_PORT)
const client = JSON.parse(process.env.BENCH_BARE_CLIENT ?? '{}') as BenchClient & { scope: string; apiScopes: string }
const issuer = `http://127.0.0.1:${port}`
const protocol = protocolSettings(issuer)

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }

/** People signed in so far: account id → email. */
const accounts = new Map<string, string>()
const accountIdFor = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)

const configuration: Configuration = {
  clients: [
    {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: 'Benchmark client',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      redirect_uris: [client.redirectUri],
      scope: client.scope,
      api_scopes: client.apiScopes,
    },
  ],
  ...protocol.settings,
  jwks: { keys: [signingKey as unknown as NonNullable<Configuration['jwks']>['keys'][number]] },
  cookies: { keys: [randomBytes(32).toString('hex')], ...protocol.cookies },
  extraClientMetadata: { properties: ['api_scopes'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    backchannelLogout: { enabled: true },
    userinfo: { enabled: true },
    resourceIndicators: protocol.resourceIndicators,
  },
  // Implicit consent, as ours: the grant the person already gave, widened to what is asked for now.
  loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
    const { client: requestingClient, session } = ctx.oidc
    if (!requestingClient || !session?.accountId) return undefined
    const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(requestingClient.clientId)
    const stored = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined
    const grant = stored ?? new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: requestingClient.clientId })
    const had = new Set(grant.getOIDCScope().split(' ').filter(Boolean))
    const missing = [...ctx.oidc.requestParamOIDCScopes].filter((scope) => !had.has(scope))
    if (missing.length > 0) grant.addOIDCScope(missing)
    if (!stored || missing.length > 0) await grant.save()
    return grant
  },
  findAccount: async (_ctx, sub) => {
    const email = accounts.get(sub)
    if (!email) return undefined
    return {
      accountId: sub,
      claims: async () => ({ sub, email, email_verified: true, name: 'Sarah Thompson', given_name: 'Sarah', family_name: 'Thompson', birthdate: '1986-04-12' }),
    }
  },
}

const provider = new Provider(issuer, configuration)
provider.proxy = true
const handle = provider.callback()

async function interaction(req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res)
  const accountId = details.session?.accountId
  if (details.prompt.name === 'login') {
    const email = String(details.params.login_hint ?? 'someone@bench.example')
    const id = accountIdFor(email)
    accounts.set(id, email)
    await provider.interactionFinished(req, res, { login: { accountId: id, amr: ['otp'] } }, { mergeWithLastSubmission: false })
  } else if (details.prompt.name === 'consent' && accountId) {
    const prompt = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> }
    const clientId = String(details.params.client_id)
    const stored = details.grantId ? await provider.Grant.find(details.grantId) : undefined
    const grant = stored ?? new provider.Grant({ accountId, clientId })
    if (prompt.missingOIDCScope) grant.addOIDCScope(prompt.missingOIDCScope)
    for (const [indicator, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes)
    const grantId = await grant.save()
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
  } else {
    await provider.interactionFinished(req, res, { error: 'access_denied' })
  }
}

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n')
  } else if (req.url?.startsWith('/interaction/')) {
    interaction(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' })
      res.end(`interaction failed: ${(error as Error).message}\n`)
    })
  } else {
    void handle(req, res)
  }
})
server.keepAliveTimeout = 65_000
server.listen(port, '127.0.0.1')
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeIdleConnections()
  setTimeout(() => process.exit(0), 5000).unref()
})
