import { z } from 'zod'
import { chosenCourse, chosenProvider } from '../../context.ts'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'Select your provider'

/** /registration/choose-your-provider: only providers offering the chosen course in the chosen cohort. */
export const chooseYourProvider = defineStep({
  id: 'choose-your-provider',
  title: 'Select your provider',
  kind: 'question',
  answerKeys: ['leadProvider'],
  leadsTo: { 'share-provider': '' },
  next: () => 'share-provider',
  // A provider that no longer offers the course (or a course changed since) is no answer.
  isAnswered: (state) => chosenProvider(state) !== undefined,
  view: (state) => ({
    field: 'leadProvider',
    hint: `These are the training providers who offer the ${chosenCourse(state)?.fullName ?? 'course'}. Providers may have different entry requirements.`,
    items: state.context.providers.map((provider) => ({ value: provider.identifier, text: provider.name, ...(provider.hint ? { hint: { text: provider.hint } } : {}) })),
    values: { leadProvider: state.answers.leadProvider },
  }),
  form: schemaForm(z.object({ leadProvider: z.string({ error: MISSING }).min(1, MISSING).max(100, MISSING) }), (data, state) => {
    if (!state.context.providers.some((provider) => provider.identifier === data.leadProvider)) return { errors: [{ field: 'leadProvider', message: MISSING }] }
    return { answers: { leadProvider: data.leadProvider } }
  }),
  summary: (state) => [{ key: 'Provider', value: chosenProvider(state)?.name ?? '' }],
})
