import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { reconsider } from '../records-lookup.ts'
import { stepRoutes } from '../steps.ts'
import { nameSchema } from './validation.ts'

const VIEW = 'sign-in/name/name'

/** /sign-in/name: first, middle (optional) and last names. */
export function nameRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'name', {
    get(context) {
      const { firstName, middleName, lastName } = context.state.answers
      context.render(VIEW, { values: { firstName, middleName, lastName } })
    },
    async post(context) {
      const form = parseForm(nameSchema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form)
      const answered = { ...context.state, answers: { ...context.state.answers, ...form.data } }
      const { state, changes } = await reconsider(dependencies, context.data, answered, 'name')
      await context.advance(state, changes)
    },
  })
}
