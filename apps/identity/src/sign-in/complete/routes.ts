import type { Router } from 'express'
import { setFormActions } from '../../content-security-policy.ts'
import type { UserRow } from '../../database/schema.ts'
import { findOpenTicketForUser } from '../../support-tickets/support-tickets.ts'
import { findUserBySub } from '../../users/users.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { accessFor, letsStraightOn } from '../../users/service-access.ts'
import { handingBack } from '../finish.ts'
import type { JourneyData } from '../journey-store.ts'
import { stepPath, stepRoutes, type StepContext } from '../steps.ts'

/** Where the person stands at the end, and whether they may go on to the service. */
async function outcome(dependencies: SignInDependencies, context: StepContext) {
  const user = await findUserBySub(dependencies.db, context.state.signedInUserId as string)
  if (!user) throw new Error('the signed-in user of a finished journey is missing')
  let finished = context.data.finished ?? { outcome: 'signed-in' as const, access: 'allowed' as const }
  if (finished.access === 'unknown') {
    // The records service could not say before: ask again each time the page is opened.
    const access = await accessFor(dependencies.records, context.data.client, user.trn)
    if (access !== 'unknown') finished = (await context.save({ finished: { ...finished, access } })).data.finished ?? finished
  }
  return { user, finished, canContinue: letsStraightOn(context.data.client, context.data.state, user, finished.access) }
}

/** Someone will check their details: registering raised a ticket, or (signing in again) one is still open for them. */
async function beingChecked(dependencies: SignInDependencies, finished: NonNullable<JourneyData['finished']>, user: UserRow): Promise<boolean> {
  if (finished.ticketRaised) return true
  if (user.trn || user.trn_lookup_status !== 'Pending') return false
  return (await findOpenTicketForUser(dependencies.db, user.sub)) !== undefined
}

/**
 * /sign-in/complete: "You've created your account" or "You've signed in", what we found about their teaching record,
 * and Continue back to the service; or why they cannot go on (no TRN for a service that needs one, a prohibition).
 */
export function completeRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'complete', {
    async get(context) {
      const { user, finished, canContinue } = await outcome(dependencies, context)
      setFormActions(context.res, context.data.client.redirectOrigins)
      if (finished.access === 'blocked') return context.render('sign-in/complete/blocked', { user })
      context.render('sign-in/complete/complete', {
        user,
        created: finished.outcome === 'created',
        asksForTrn: context.state.asksForTrn,
        elevation: context.state.elevation,
        checkUnavailable: finished.access === 'unknown',
        canContinue,
        beingChecked: context.state.asksForTrn && (await beingChecked(dependencies, finished, user)),
      })
    },
    async post(context) {
      const { req, res, journey } = context
      const { user, finished, canContinue } = await outcome(dependencies, context)
      if (finished.access !== 'blocked' && !canContinue) return res.redirect(303, stepPath('complete'))
      await handingBack(context.data.client, () =>
        finished.access === 'blocked'
          ? dependencies.seam.abandonSignIn(req, res, journey.interactionUid, { error: 'access_denied', description: 'this person may not use this service' })
          : dependencies.seam.completeSignIn(req, res, journey.interactionUid, { userSub: user.sub, amr: ['otp'] }),
      )
    },
  })
}
