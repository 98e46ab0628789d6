import type { Router } from 'express'
import { z } from 'zod'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import type { SignInAnswers, SignInStep } from '../journey.ts'
import { reconsider } from '../records-lookup.ts'
import { stepRoutes } from '../steps.ts'

export type YesNoQuestion = {
  step: SignInStep
  view: string
  /** The answer's key in SignInAnswers, also the radios' name. */
  field: 'hasNationalInsuranceNumber' | 'hasTrn' | 'hasQts'
  /** GOV.UK wording: "Select yes if …". */
  missing: string
  /** The answers a "no" makes meaningless, cleared so the matcher is never sent them. */
  clearedByNo: Array<keyof SignInAnswers>
}

/** A yes/no teaching record question (has-ni-number, has-trn, has-qts); each asks the matcher again. */
export function yesNoRoutes(dependencies: SignInDependencies, question: YesNoQuestion): Router {
  const schema = z.object({ [question.field]: z.enum(['yes', 'no'], { error: question.missing }) })
  return stepRoutes(dependencies, question.step, {
    get(context) {
      const answer = context.state.answers[question.field]
      context.render(question.view, { field: question.field, values: { [question.field]: answer === undefined ? undefined : answer ? 'yes' : 'no' } })
    },
    async post(context) {
      const form = parseForm(schema, context.req.body)
      if (!form.ok) return context.renderInvalid(question.view, form, { field: question.field })
      const yes = form.data[question.field] === 'yes'
      const answers: SignInAnswers = { ...context.state.answers, [question.field]: yes }
      if (!yes) for (const cleared of question.clearedByNo) delete answers[cleared]
      const { state, changes } = await reconsider(dependencies, context.data, { ...context.state, answers }, question.step)
      await context.advance(state, changes)
    },
  })
}
