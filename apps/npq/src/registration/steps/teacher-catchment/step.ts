import { z } from 'zod'
import { TEACHER_CATCHMENTS } from '../../answers.ts'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'Select yes if you work in England'
const COUNTRY_MISSING = 'Enter the country you work in'

const schema = z
  .object({
    teacherCatchment: z.enum(TEACHER_CATCHMENTS, { error: MISSING }),
    teacherCatchmentCountry: z.string().trim().max(100, 'The country must be 100 characters or fewer').optional(),
  })
  .superRefine((data, context) => {
    if (data.teacherCatchment === 'another' && !data.teacherCatchmentCountry) {
      context.addIssue({ code: 'custom', path: ['teacherCatchmentCountry'], message: COUNTRY_MISSING })
    }
  })

/** /registration/teacher-catchment: "Do you work in England?" (and if not, where). */
export const teacherCatchment = defineStep({
  id: 'teacher-catchment',
  title: 'Do you work in England?',
  kind: 'question',
  answerKeys: ['teacherCatchment', 'teacherCatchmentCountry'],
  leadsTo: { 'work-setting': '' },
  next: () => 'work-setting',
  isAnswered: ({ answers }) => answers.teacherCatchment === 'england' || (answers.teacherCatchment === 'another' && answers.teacherCatchmentCountry !== undefined),
  view: ({ answers }) => ({ values: { teacherCatchment: answers.teacherCatchment, teacherCatchmentCountry: answers.teacherCatchmentCountry } }),
  form: schemaForm(schema, (data) => ({
    answers: {
      teacherCatchment: data.teacherCatchment,
      teacherCatchmentCountry: data.teacherCatchment === 'another' ? data.teacherCatchmentCountry : undefined,
    },
  })),
  summary: ({ answers }) => [{ key: 'Where you work', value: answers.teacherCatchment === 'england' ? 'England' : (answers.teacherCatchmentCountry ?? '') }],
})
