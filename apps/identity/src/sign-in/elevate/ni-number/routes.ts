import type { Router } from 'express'
import { parseForm } from '../../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../../dependencies.ts'
import { niNumberSchema } from '../../ni-number/validation.ts'
import { stepPath, stepRoutes } from '../../steps.ts'

// The registration question's page, without its way on for someone who does not know the number.
const VIEW = 'sign-in/ni-number/ni-number'
const PAGE = { formAction: stepPath('elevate/ni-number'), answerRequired: true }

/** /sign-in/elevate/ni-number: the NI number, which the strict policy needs. */
export function elevateNiNumberRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'elevate/ni-number', {
    get(context) {
      context.render(VIEW, { ...PAGE, values: { nationalInsuranceNumber: context.state.answers.nationalInsuranceNumber ?? undefined } })
    },
    async post(context) {
      const form = parseForm(niNumberSchema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, PAGE)
      const { nationalInsuranceNumber } = form.data
      await context.advance({ ...context.state, answers: { ...context.state.answers, hasNationalInsuranceNumber: true, nationalInsuranceNumber } })
    },
  })
}
