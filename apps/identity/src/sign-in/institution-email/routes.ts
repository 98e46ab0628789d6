import type { Router } from 'express'
import { z } from 'zod'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { stepPath, stepRoutes, type StepContext } from '../steps.ts'

const VIEW = 'sign-in/institution-email/institution-email'
const schema = z.object({ choice: z.enum(['keep', 'change'], { error: 'Select which email address you want to use' }) })

/**
 * /sign-in/institution-email: someone registering with what looks like a shared mailbox (institution-address.ts) is
 * told why a personal address is safer, and keeps it or goes back to give another.
 */
export function institutionEmailRoutes(dependencies: SignInDependencies): Router {
  const viewContext = (context: StepContext) => ({ email: context.state.answers.email })
  return stepRoutes(dependencies, 'institution-email', {
    get(context) {
      context.render(VIEW, { ...viewContext(context), values: { choice: context.state.institutionAddressKept ? 'keep' : undefined } })
    },
    async post(context) {
      const form = parseForm(schema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, viewContext(context))
      if (form.data.choice === 'change') return context.res.redirect(303, stepPath('email'))
      await context.advance({ ...context.state, institutionAddressKept: true })
    },
  })
}
