import { z } from 'zod'
import { chosenCourse } from '../../context.ts'
import { EHCO, fundingOutcomeStep, LEADING_PRIMARY_MATHEMATICS, SENCO } from '../../shared/next-steps.ts'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'Select the NPQ you want to do'

const COURSE_HINTS: Record<string, string> = {
  [EHCO]: 'Structured support and networking opportunities if you are a headteacher in your first 5 years of headship.',
}

/** /registration/choose-your-npq: only courses that some provider offers in the chosen cohort. */
export const chooseYourNpq = defineStep({
  id: 'choose-your-npq',
  title: 'Which NPQ do you want to do?',
  kind: 'question',
  answerKeys: ['courseIdentifier'],
  leadsTo: {
    'npqh-status': 'Early headship coaching offer',
    'maths-eligibility-teaching-for-mastery': 'Leading primary mathematics',
    'senco-in-role': 'SENCO',
    'possible-funding': 'funded or to be reviewed',
    'ineligible-for-funding': 'not funded',
  },
  next(state) {
    const course = state.answers.courseIdentifier
    if (course === EHCO) return 'npqh-status'
    if (course === LEADING_PRIMARY_MATHEMATICS) return 'maths-eligibility-teaching-for-mastery'
    if (course === SENCO) return 'senco-in-role'
    return fundingOutcomeStep(state)
  },
  // A course no longer offered in the cohort (or not offered in a cohort chosen since) is no answer.
  isAnswered: (state) => chosenCourse(state) !== undefined,
  view: (state) => ({
    field: 'courseIdentifier',
    hint: 'To register for an NPQ and the Early headship coaching offer, register twice.',
    items: state.context.courses.map((course) => ({
      value: course.identifier,
      text: course.name,
      ...(COURSE_HINTS[course.identifier] ? { hint: { text: COURSE_HINTS[course.identifier] } } : {}),
    })),
    values: { courseIdentifier: state.answers.courseIdentifier },
  }),
  form: schemaForm(z.object({ courseIdentifier: z.string({ error: MISSING }).min(1, MISSING).max(100, MISSING) }), (data, state) => {
    if (!state.context.courses.some((course) => course.identifier === data.courseIdentifier)) return { errors: [{ field: 'courseIdentifier', message: MISSING }] }
    return { answers: { courseIdentifier: data.courseIdentifier } }
  }),
  summary: (state) => [{ key: 'Course', value: chosenCourse(state)?.fullName ?? '' }],
})
