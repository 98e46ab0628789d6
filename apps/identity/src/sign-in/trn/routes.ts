import type { Router } from 'express'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { reconsider } from '../records-lookup.ts'
import { saidNotKnown } from '../shared/not-known.ts'
import { stepRoutes } from '../steps.ts'
import { trnSchema } from './validation.ts'

const VIEW = 'sign-in/trn/trn'

/** /sign-in/trn, with a way on for someone who does not know it. */
export function trnRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'trn', {
    get(context) {
      context.render(VIEW, { values: { trn: context.state.answers.trn ?? undefined } })
    },
    async post(context) {
      let trn: string | null = null
      if (!saidNotKnown(context.req.body)) {
        const form = parseForm(trnSchema, context.req.body)
        if (!form.ok) return context.renderInvalid(VIEW, form)
        trn = form.data.trn
      }
      const { state, changes } = await reconsider(dependencies, context.data, { ...context.state, answers: { ...context.state.answers, trn } }, 'trn')
      await context.advance(state, changes)
    },
  })
}
