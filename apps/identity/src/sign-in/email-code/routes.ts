import { Router, type Request } from 'express'
import { setFormActions } from '../../content-security-policy.ts'
import { findUserByEmail } from '../../users/users.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { finishReturningSignIn } from '../finish.ts'
import { startAccountRecordQuestions, startElevation } from '../records-lookup.ts'
import { codeAlreadyAccepted, stepPath, stepRoutes, type StepContext } from '../steps.ts'
import { resendRoutes, submitCode } from './submit-code.ts'
import { renewSession } from '../../../../../packages/kit/src/web/sessions.ts'

const VIEW = 'sign-in/email-code/email-code'

/**
 * A new session id once the person has proved who they are, so an id planted in their browser before is useless.
 * What the session held comes across (the journey, a relying party's state on this host), but not the CSRF token.
 */
async function renewSessionKeepingJourney(req: Request, journeyId: string): Promise<void> {
  const { cookie: _cookie, csrfToken: _csrfToken, ...kept } = req.session as unknown as Record<string, unknown>
  await renewSession(req, { ...kept, signInJourneyId: journeyId })
}

/**
 * The right code can send a returning person straight back to the service (finishReturningSignIn), and browsers hold
 * every redirect after a post to the posting page's form-action: the code page lets its form lead there.
 */
const mayHandBack = (context: StepContext) => setFormActions(context.res, context.data.client.redirectOrigins)

/** /sign-in/email-code: "Check your email". A known address signs in; an unknown one goes on to registration. */
export function emailCodeRoutes(dependencies: SignInDependencies): Router {
  const router = Router()
  const viewContext = (changing: boolean) => ({ action: stepPath('email-code', { change: changing }), resendLink: `${stepPath('email-code')}/resend` })
  router.use(
    stepRoutes(dependencies, 'email-code', {
      get(context) {
        if (codeAlreadyAccepted(context)) return
        mayHandBack(context)
        context.render(VIEW, { ...viewContext(context.changing), email: context.state.answers.email, resent: context.req.query.resent === 'true' })
      },
      async post(context) {
        mayHandBack(context)
        const email = context.state.answers.email as string
        await submitCode(dependencies, context, {
          view: VIEW,
          email,
          viewContext: viewContext(context.changing),
          async onAccepted() {
            await renewSessionKeepingJourney(context.req, context.journey.id)
            const state = { ...context.state, answers: { ...context.state.answers, emailVerified: true } }
            const user = await findUserByEmail(dependencies.db, email)
            if (!user) return context.advance({ ...state, existingUserId: undefined, findingAccountRecord: undefined })
            const recordQuestions = await startAccountRecordQuestions(dependencies, context.data, state, user)
            if (recordQuestions) return context.advance(recordQuestions.state, recordQuestions.changes)
            const elevation = startElevation(state, user)
            if (elevation) return context.advance(elevation)
            await finishReturningSignIn(dependencies, context, { ...state, existingUserId: user.sub }, user)
          },
        })
      },
    }),
  )
  router.use(resendRoutes(dependencies, 'email-code', { email: (context) => context.state.answers.email as string, changeLink: stepPath('email') }))
  return router
}
