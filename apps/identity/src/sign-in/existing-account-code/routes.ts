import { Router } from 'express'
import type { SignInDependencies } from '../dependencies.ts'
import { resendRoutes, submitCode } from '../email-code/submit-code.ts'
import { maskEmail } from '../existing-account/find-account.ts'
import { finishSignedIn } from '../finish.ts'
import { codeAlreadyAccepted, stepPath, stepRoutes, type StepContext } from '../steps.ts'

const VIEW = 'sign-in/existing-account-code/existing-account-code'

function account(context: StepContext) {
  return context.state.existingAccount as { sub: string; email: string }
}

/** /sign-in/existing-account-code: the code sent to the account they said was theirs; it signs them in to it. */
export function existingAccountCodeRoutes(dependencies: SignInDependencies): Router {
  const router = Router()
  const viewContext = (context: StepContext) => ({
    email: maskEmail(account(context).email),
    action: stepPath('existing-account-code'),
    resendLink: `${stepPath('existing-account-code')}/resend`,
  })
  router.use(
    stepRoutes(dependencies, 'existing-account-code', {
      get(context) {
        if (codeAlreadyAccepted(context)) return
        context.render(VIEW, { ...viewContext(context), resent: context.req.query.resent === 'true' })
      },
      async post(context) {
        const { sub, email } = account(context)
        await submitCode(dependencies, context, {
          view: VIEW,
          email,
          shownEmail: maskEmail(email),
          viewContext: viewContext(context),
          async onAccepted() {
            const state = { ...context.state, existingAccount: { sub, email, isTheirs: true, verified: true } }
            await finishSignedIn(dependencies, context, state, sub)
          },
        })
      },
    }),
  )
  router.use(
    resendRoutes(dependencies, 'existing-account-code', {
      email: (context) => account(context).email,
      shownEmail: (context) => maskEmail(account(context).email),
    }),
  )
  return router
}
