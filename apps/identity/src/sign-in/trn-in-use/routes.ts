import { Router } from 'express'
import type { SignInDependencies } from '../dependencies.ts'
import { resendRoutes, submitCode } from '../email-code/submit-code.ts'
import { maskEmail } from '../existing-account/find-account.ts'
import { codeAlreadyAccepted, stepPath, stepRoutes, type StepContext } from '../steps.ts'

const VIEW = 'sign-in/trn-in-use/trn-in-use'

function owner(context: StepContext) {
  return context.state.trnOwner as { sub: string; email: string }
}

/**
 * /sign-in/trn-in-use: the teaching record found is linked to another account already. A code was sent to that
 * account's address; typing it shows the account is this person's, and they go on to choose which address to keep.
 */
export function trnInUseRoutes(dependencies: SignInDependencies): Router {
  const router = Router()
  const viewContext = (context: StepContext) => ({
    email: maskEmail(owner(context).email),
    action: stepPath('trn-in-use'),
    resendLink: `${stepPath('trn-in-use')}/resend`,
  })
  router.use(
    stepRoutes(dependencies, 'trn-in-use', {
      get(context) {
        if (codeAlreadyAccepted(context)) return
        context.render(VIEW, { ...viewContext(context), resent: context.req.query.resent === 'true' })
      },
      async post(context) {
        const account = owner(context)
        await submitCode(dependencies, context, {
          view: VIEW,
          email: account.email,
          shownEmail: maskEmail(account.email),
          viewContext: viewContext(context),
          onAccepted: () => context.advance({ ...context.state, trnOwner: { ...account, verified: true } }),
        })
      },
    }),
  )
  router.use(
    resendRoutes(dependencies, 'trn-in-use', {
      email: (context) => owner(context).email,
      shownEmail: (context) => maskEmail(owner(context).email),
    }),
  )
  return router
}
