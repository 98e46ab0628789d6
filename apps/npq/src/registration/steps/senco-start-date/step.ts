import { z } from 'zod'
import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { defineStep, schemaForm } from '../../step.ts'
import { checkSencoStartDate, formatMonthYear } from './senco-start-date.ts'

const schema = z.object({
  'sencoStartDate-month': z.string().max(10).optional(),
  'sencoStartDate-year': z.string().max(10).optional(),
})

/** /registration/senco-start-date: month and year. */
export const sencoStartDate = defineStep({
  id: 'senco-start-date',
  title: 'When did you become a SENCO?',
  kind: 'question',
  answerKeys: ['sencoStartDate'],
  leadsTo: { 'possible-funding': 'funded', 'ineligible-for-funding': 'not funded' },
  next: fundingOutcomeStep,
  isAnswered: ({ answers }) => answers.sencoStartDate !== undefined,
  view: ({ answers }) => {
    const [year, month] = answers.sencoStartDate?.split('-') ?? []
    return { values: { 'sencoStartDate-month': month ? String(Number(month)) : undefined, 'sencoStartDate-year': year } }
  },
  form: schemaForm(schema, (data, state) => {
    const checked = checkSencoStartDate({ month: data['sencoStartDate-month'], year: data['sencoStartDate-year'] }, state.context.today)
    if (!checked.ok) return { errors: [{ field: 'sencoStartDate', message: checked.message, href: `#sencoStartDate-${checked.part}` }], view: { errorPart: checked.part } }
    return { answers: { sencoStartDate: checked.value } }
  }),
  summary: ({ answers }) => [{ key: 'Became a SENCO', value: formatMonthYear(answers.sencoStartDate) }],
})
