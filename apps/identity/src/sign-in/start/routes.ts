import { Router } from 'express'
import { currentStep } from '../../../../../packages/kit/src/journeys/step-graph.ts'
import type { SignInRequest } from '../../interaction/sign-in-seam.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { signInJourney } from '../journey.ts'
import type { JourneyClient } from '../journey-store.ts'
import { journeyExpired, stepPath } from '../steps.ts'
import { issueCsrfToken } from '../../../../../packages/kit/src/web/csrf.ts'
import { saveSession } from '../../../../../packages/kit/src/web/sessions.ts'

/** A journey never outlives this, nor the authorization request it answers. */
export const JOURNEY_LIFETIME_MS = 2 * 60 * 60 * 1000

/**
 * GET /sign-in?interaction=<uid>: where the provider hands over. Starts a journey for this browser (or resumes the one
 * it already has for this request, after a refresh) and sends the person to the first question.
 */
export function startRoutes(dependencies: SignInDependencies): Router {
  const router = Router()
  router.get('/', async (req, res) => {
    const uid = typeof req.query.interaction === 'string' ? req.query.interaction : ''
    const request = uid ? await dependencies.seam.signInRequest(req, uid) : undefined
    if (!request) throw journeyExpired()

    const now = dependencies.clock.now()
    const existingId = req.session.signInJourneyId
    const existing = existingId ? await dependencies.journeys.find(existingId) : undefined
    if (existing && existing.interactionUid === uid && existing.expiresAt > now) {
      return res.redirect(303, stepPath(currentStep(signInJourney, existing.data.state)))
    }

    const expiresAt = new Date(Math.min(now.getTime() + JOURNEY_LIFETIME_MS, request.expiresAt.getTime()))
    const journey = await dependencies.journeys.create(
      uid,
      {
        client: journeyClient(request),
        state: { answers: {}, asksForTrn: request.trnRequested, matchPolicy: request.client.trnMatchPolicy },
        ...(request.loginHint ? { emailHint: request.loginHint.slice(0, 254) } : {}),
      },
      expiresAt,
    )
    req.session.signInJourneyId = journey.id
    issueCsrfToken(req)
    await saveSession(req)
    res.redirect(303, stepPath('email'))
  })
  return router
}

function journeyClient(request: SignInRequest): JourneyClient {
  const origins = [...new Set(request.redirectUris.flatMap((uri) => URL.parse(uri)?.origin ?? []))]
  return {
    clientId: request.client.clientId,
    name: request.client.name,
    serviceUrl: origins[0] ?? null,
    redirectOrigins: origins,
    trnRequired: request.client.trnRequirement === 'required',
    blockProhibitedTeachers: request.client.blockProhibitedTeachers,
    raiseTrnSupportTickets: request.client.raiseTrnSupportTickets,
  }
}
