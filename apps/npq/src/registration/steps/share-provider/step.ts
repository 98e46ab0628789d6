import { z } from 'zod'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'You must agree to share your information with providers to continue'

/** /registration/share-provider: consent to share the registration with the provider and others. */
export const shareProvider = defineStep({
  id: 'share-provider',
  title: 'Sharing your NPQ information',
  kind: 'question',
  answerKeys: ['canShareChoices'],
  leadsTo: { 'check-answers': '' },
  next: () => 'check-answers',
  isAnswered: ({ answers }) => answers.canShareChoices === true,
  view: ({ answers }) => ({ values: { canShareChoices: answers.canShareChoices ? ['yes'] : [] } }),
  form: schemaForm(z.object({ canShareChoices: z.literal('yes', { error: MISSING }) }), () => ({ answers: { canShareChoices: true } })),
})
