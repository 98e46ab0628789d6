import type { Router } from 'express'
import { z } from 'zod'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { stepRoutes, type StepContext } from '../steps.ts'
import { maskEmail } from './find-account.ts'

const VIEW = 'sign-in/existing-account/existing-account'
const schema = z.object({ isTheirs: z.enum(['yes', 'no'], { error: 'Select yes if this is your account' }) })

/** /sign-in/existing-account: "Is this your account?" when someone registering looks like an account holder. */
export function existingAccountRoutes(dependencies: SignInDependencies): Router {
  const viewContext = (context: StepContext) => {
    const { answers, existingAccount } = context.state
    return {
      maskedEmail: maskEmail(existingAccount?.email ?? ''),
      fullName: [answers.firstName, answers.middleName, answers.lastName].filter(Boolean).join(' '),
      dateOfBirth: answers.dateOfBirth,
    }
  }
  return stepRoutes(dependencies, 'existing-account', {
    get(context) {
      const isTheirs = context.state.existingAccount?.isTheirs
      context.render(VIEW, { ...viewContext(context), values: { isTheirs: isTheirs === undefined ? undefined : isTheirs ? 'yes' : 'no' } })
    },
    async post(context) {
      const form = parseForm(schema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, viewContext(context))
      const account = context.state.existingAccount as NonNullable<typeof context.state.existingAccount>
      const isTheirs = form.data.isTheirs === 'yes'
      const state = { ...context.state, existingAccount: { ...account, isTheirs, verified: false } }
      if (!isTheirs) return context.advance(state)
      await dependencies.limits.beforeSending(context.req, account.email)
      await context.advance(state, {}, (trx) => dependencies.codes.send(trx, context.journey.id, account.email, context.data.client.name))
    },
  })
}
