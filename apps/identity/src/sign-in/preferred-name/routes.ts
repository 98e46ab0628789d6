import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { stepRoutes } from '../steps.ts'
import { preferredNameSchema } from './validation.ts'

const VIEW = 'sign-in/preferred-name/preferred-name'

/**
 * /sign-in/preferred-name: the name they go by, or blank for their full name. (One optional field rather than radios
 * with a conditionally revealed field: GOV.UK Frontend marks those with aria-expanded, which axe refuses on a radio.)
 */
export function preferredNameRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'preferred-name', {
    get(context) {
      context.render(VIEW, { values: { preferredName: context.state.answers.preferredName ?? undefined }, fullName: fullName(context.state.answers) })
    },
    async post(context) {
      const form = parseForm(preferredNameSchema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, { fullName: fullName(context.state.answers) })
      await context.advance({ ...context.state, answers: { ...context.state.answers, preferredName: form.data.preferredName } })
    },
  })
}

function fullName(answers: { firstName?: string; middleName?: string | null; lastName?: string }): string {
  return [answers.firstName, answers.middleName, answers.lastName].filter(Boolean).join(' ')
}
