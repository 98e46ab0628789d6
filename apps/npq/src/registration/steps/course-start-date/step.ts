import { z } from 'zod'
import { chosenCohort } from '../../context.ts'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'Select when your course starts'

/** /registration/course-start-date: which cohort (intake) the person is registering for, from those open today. */
export const courseStartDate = defineStep({
  id: 'course-start-date',
  title: 'When does your course start?',
  kind: 'question',
  answerKeys: ['courseStartCohort'],
  leadsTo: { 'provider-check': '' },
  next: () => 'provider-check',
  // A cohort that has closed since it was chosen is no answer: the person chooses again.
  isAnswered: (state) => chosenCohort(state) !== undefined,
  view: (state) => ({
    field: 'courseStartCohort',
    items: state.context.cohorts.map((cohort) => ({
      value: cohort.identifier,
      text: cohort.description,
      ...(cohort.funding === 'zero' ? { hint: { text: 'DfE scholarship funding is not available for courses starting at this time' } } : {}),
    })),
    values: { courseStartCohort: state.answers.courseStartCohort },
  }),
  form: schemaForm(z.object({ courseStartCohort: z.string({ error: MISSING }).min(1, MISSING).max(20, MISSING) }), (data, state) => {
    if (!state.context.cohorts.some((cohort) => cohort.identifier === data.courseStartCohort)) {
      return { errors: [{ field: 'courseStartCohort', message: MISSING }] }
    }
    return { answers: { courseStartCohort: data.courseStartCohort } }
  }),
  summary: (state) => [{ key: 'Course start', value: chosenCohort(state)?.description ?? '' }],
})
