import type { Router } from 'express'
import { todayInEngland } from '../../../../../packages/kit/src/clock.ts'
import { enteredValues, formErrors } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { reconsider } from '../records-lookup.ts'
import { stepRoutes } from '../steps.ts'
import { readDateOfBirth } from './validation.ts'

const VIEW = 'sign-in/date-of-birth/date-of-birth'

/** /sign-in/date-of-birth: a GOV.UK date input. The first moment the matcher can be asked. */
export function dateOfBirthRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'date-of-birth', {
    get(context) {
      const [year, month, day] = (context.state.answers.dateOfBirth ?? '').split('-')
      context.render(VIEW, { values: { day: day && String(Number(day)), month: month && String(Number(month)), year } })
    },
    async post(context) {
      const body = context.req.body as Record<string, unknown>
      const input = { day: body['dateOfBirth-day'], month: body['dateOfBirth-month'], year: body['dateOfBirth-year'] }
      const result = readDateOfBirth(input, todayInEngland(dependencies.clock))
      if (!result.ok) {
        const errors = formErrors([{ field: 'dateOfBirth', message: result.message, href: `#dateOfBirth-${result.parts[0] ?? 'day'}` }])
        const values = enteredValues(input)
        return context.renderInvalid(VIEW, { errors, values }, { partsInError: result.parts })
      }
      const answered = { ...context.state, answers: { ...context.state.answers, dateOfBirth: result.date } }
      const { state, changes } = await reconsider(dependencies, context.data, answered, 'date-of-birth')
      await context.advance(state, changes)
    },
  })
}
