import type { Router } from 'express'
import { parseForm } from '../../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../../dependencies.ts'
import { stepPath, stepRoutes } from '../../steps.ts'
import { trnSchema } from '../../trn/validation.ts'

// The registration question's page, without its way on for someone who does not know their TRN.
const VIEW = 'sign-in/trn/trn'
const PAGE = { formAction: stepPath('elevate/trn'), answerRequired: true }

/** /sign-in/elevate/trn: the TRN, which the strict policy needs. */
export function elevateTrnRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'elevate/trn', {
    get(context) {
      context.render(VIEW, { ...PAGE, values: { trn: context.state.answers.trn ?? undefined } })
    },
    async post(context) {
      const form = parseForm(trnSchema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, PAGE)
      await context.advance({ ...context.state, answers: { ...context.state.answers, hasTrn: true, trn: form.data.trn } })
    },
  })
}
