import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { stepRoutes } from '../steps.ts'
import { emailSchema } from './validation.ts'

const VIEW = 'sign-in/email/email'

/** /sign-in/email: the address a code is sent to. Known or not, the next page is the same, so nothing is given away. */
export function emailRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'email', {
    get(context) {
      context.render(VIEW, { values: { email: context.state.answers.email ?? context.data.emailHint } })
    },
    async post(context) {
      const form = parseForm(emailSchema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form)
      const { email } = form.data
      const { answers } = context.state
      if (answers.emailVerified && answers.email?.toLowerCase() === email.toLowerCase()) return context.advance(context.state)

      await dependencies.limits.beforeSending(context.req, email)
      // What came from the account of the address before (its details, what was asked for it) is not kept.
      const forAccount = context.state.findingAccountRecord || context.state.elevating
      const state = {
        ...context.state,
        answers: { ...(forAccount ? {} : answers), email, emailVerified: false },
        existingUserId: undefined,
        findingAccountRecord: undefined,
        elevating: undefined,
        elevationStarted: undefined,
        trnOwner: undefined,
        institutionAddressKept: undefined,
        ...(forAccount ? { lookup: undefined } : {}),
      }
      await context.advance(state, {}, (trx) => dependencies.codes.send(trx, context.journey.id, email, context.data.client.name))
    },
  })
}
