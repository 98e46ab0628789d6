import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/ehco-new-headteacher: funding for the coaching offer is for new headteachers. */
export const ehcoNewHeadteacher = radioQuestion({
  id: 'ehco-new-headteacher',
  title: 'Are you in your first 5 years of a headship?',
  field: 'ehcoNewHeadteacher',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if you are in your first 5 years of headship',
  summaryKey: 'In first 5 years of headship',
  leadsTo: { 'possible-funding': 'funded', 'ineligible-for-funding': 'not funded' },
  next: fundingOutcomeStep,
})
