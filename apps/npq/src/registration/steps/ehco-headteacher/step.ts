import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/ehco-headteacher */
export const ehcoHeadteacher = radioQuestion({
  id: 'ehco-headteacher',
  title: 'Are you a headteacher?',
  field: 'ehcoHeadteacher',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if you are a headteacher',
  summaryKey: 'Headteacher',
  leadsTo: { 'ehco-new-headteacher': 'yes', 'ineligible-for-funding': 'no' },
  next: (state) => (state.answers.ehcoHeadteacher === 'yes' ? 'ehco-new-headteacher' : fundingOutcomeStep(state)),
})
