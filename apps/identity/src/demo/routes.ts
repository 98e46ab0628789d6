import { Router } from 'express'
import * as oidc from 'openid-client'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import { saveSession } from '../../../../packages/kit/src/web/sessions.ts'

export type DemoClient = { clientId: string; clientSecret: string }

type Claims = Record<string, unknown>

declare module 'express-session' {
  interface SessionData {
    demo?: { pending?: { codeVerifier: string; state: string; nonce: string }; idToken?: Claims; userinfo?: Claims; error?: string }
  }
}

const SCOPES = { record: 'openid email profile trn', basic: 'openid email profile' }

function rows(claims: Claims | undefined) {
  return Object.entries(claims ?? {}).map(([name, value]) => ({ key: { text: name }, value: { text: typeof value === 'string' ? value : JSON.stringify(value) } }))
}

/**
 * /demo (development only): a relying party living on the identity service itself, so someone trying the service can
 * sign in at http://localhost:3000/demo and see what a client service receives. It is an ordinary client of the
 * provider (openid-client, PKCE, the published demo secret), reached over HTTP like any other.
 */
export function demoRoutes(options: { issuer: string; client: DemoClient; logger: Logger }): Router {
  const router = Router()
  const redirectUri = `${options.issuer}/demo/callback`
  let configuration: Promise<oidc.Configuration> | undefined
  const discovered = () =>
    (configuration ??= oidc
      .discovery(new URL(options.issuer), options.client.clientId, undefined, oidc.ClientSecretBasic(options.client.clientSecret), { execute: [oidc.allowInsecureRequests] })
      .catch((error: unknown) => {
        configuration = undefined
        throw error
      }))

  router.get('/', (req, res) => {
    const demo = req.session.demo
    res.render('demo/demo', { idTokenRows: rows(demo?.idToken), userinfoRows: rows(demo?.userinfo), signedIn: demo?.idToken !== undefined, error: demo?.error })
  })

  router.post('/start', async (req, res) => {
    const scope = (req.body as Record<string, unknown>).scope === 'basic' ? SCOPES.basic : SCOPES.record
    const pending = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() }
    req.session.demo = { pending }
    await saveSession(req)
    const url = oidc.buildAuthorizationUrl(await discovered(), {
      redirect_uri: redirectUri,
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    })
    res.redirect(303, url.href)
  })

  router.get('/callback', async (req, res) => {
    const pending = req.session.demo?.pending
    if (!pending) return res.redirect(303, '/demo')
    try {
      const config = await discovered()
      const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, options.issuer), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      const idToken = tokens.claims() as Claims
      const userinfo = (await oidc.fetchUserInfo(config, tokens.access_token, String(idToken.sub))) as Claims
      req.session.demo = { idToken, userinfo }
    } catch (error) {
      const described = error instanceof oidc.AuthorizationResponseError ? `${error.error}: ${error.error_description ?? ''}` : 'the sign-in could not be completed'
      if (!(error instanceof oidc.AuthorizationResponseError)) options.logger.warn({ err: error }, 'demo relying party could not complete the sign-in')
      req.session.demo = { error: described }
    }
    await saveSession(req)
    res.redirect(303, '/demo')
  })
  return router
}
