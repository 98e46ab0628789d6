import { Router, type Request, type Response } from 'express'
import type { Kysely } from 'kysely'
import { errors } from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { errorText } from '../oidc/pages.ts'
import type { ProviderHolder } from '../oidc/provider-holder.ts'
import { grantImplicitConsent } from './consent.ts'

/**
 * Where oidc-provider sends the browser when it needs consent (`interactions.url`; a login goes straight to the sign-in
 * journey, oidc/provider.ts). Consent is implicit for our first-party clients and is granted here without a page.
 */
export function interactionRouter(options: { providers: ProviderHolder; db: Kysely<IdentitySchema>; clock: Clock }): Router {
  const router = Router()
  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const provider = await options.providers.current()
      // Reads oidc-provider's interaction cookie: only the browser that made the authorization request gets past here.
      const interaction = await provider.interactionDetails(req, res)
      if (interaction.uid !== req.params.uid) return sendExpired(req, res)

      const accountId = interaction.session?.accountId
      if (interaction.prompt.name === 'consent' && accountId) {
        const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> }
        const grant = await grantImplicitConsent(
          provider,
          {
            accountId,
            clientId: String(interaction.params.client_id),
            grantId: interaction.grantId,
            oidcScopes: details.missingOIDCScope ?? [],
            resourceScopes: details.missingResourceScopes ?? {},
          },
          options,
        )
        return await provider.interactionFinished(req, res, { consent: { grantId: grant.jti } }, { mergeWithLastSubmission: true })
      }

      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: `unsupported interaction: ${interaction.prompt.name}` })
    } catch (error) {
      if (error instanceof errors.SessionNotFound) return sendExpired(req, res)
      next(error)
    }
  })
  return router
}

/** The interaction is unknown, expired or another browser's: nothing to resume, so no redirect anywhere. */
function sendExpired(req: Request, res: Response) {
  const body = { error: 'sign_in_expired', error_description: 'This sign-in has expired or was started in another browser.' }
  res.status(400)
  if (req.accepts(['html', 'json']) === 'json') res.json(body)
  else res.type('text').send(errorText(body))
}
