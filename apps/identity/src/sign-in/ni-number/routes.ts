import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { reconsider } from '../records-lookup.ts'
import { saidNotKnown } from '../shared/not-known.ts'
import { stepRoutes } from '../steps.ts'
import { niNumberSchema } from './validation.ts'

const VIEW = 'sign-in/ni-number/ni-number'

/** /sign-in/ni-number, with a way on for someone who does not know it. */
export function niNumberRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'ni-number', {
    get(context) {
      context.render(VIEW, { values: { nationalInsuranceNumber: context.state.answers.nationalInsuranceNumber ?? undefined } })
    },
    async post(context) {
      let nationalInsuranceNumber: string | null = null
      if (!saidNotKnown(context.req.body)) {
        const form = parseForm(niNumberSchema, context.req.body)
        if (!form.ok) return context.renderInvalid(VIEW, form)
        nationalInsuranceNumber = form.data.nationalInsuranceNumber
      }
      const answered = { ...context.state, answers: { ...context.state.answers, nationalInsuranceNumber } }
      const { state, changes } = await reconsider(dependencies, context.data, answered, 'ni-number')
      await context.advance(state, changes)
    },
  })
}
