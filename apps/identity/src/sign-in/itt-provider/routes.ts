import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { reconsider } from '../records-lookup.ts'
import { saidNotKnown } from '../shared/not-known.ts'
import { stepRoutes } from '../steps.ts'
import { ittProviderSchema } from './validation.ts'

const VIEW = 'sign-in/itt-provider/itt-provider'

/** /sign-in/itt-provider: where they trained (free text), for the helpdesk when the record is not found at once. */
export function ittProviderRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'itt-provider', {
    get(context) {
      context.render(VIEW, { values: { ittProvider: context.state.answers.ittProvider ?? undefined } })
    },
    async post(context) {
      let ittProvider: string | null = null
      if (!saidNotKnown(context.req.body)) {
        const form = parseForm(ittProviderSchema, context.req.body)
        if (!form.ok) return context.renderInvalid(VIEW, form)
        ittProvider = form.data.ittProvider
      }
      const answered = { ...context.state, answers: { ...context.state.answers, ittProvider } }
      const { state, changes } = await reconsider(dependencies, context.data, answered, 'itt-provider')
      await context.advance(state, changes)
    },
  })
}
