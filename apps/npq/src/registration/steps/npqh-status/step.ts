import type { NpqhStatus } from '../../answers.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

const CHOICES: ReadonlyArray<Choice<NpqhStatus>> = [
  { value: 'completed_npqh', text: 'I’ve completed it' },
  { value: 'studying_npqh', text: 'I’m doing it' },
  { value: 'will_start_npqh', text: 'I’m starting it soon' },
  { value: 'none', text: 'None of the above' },
]

/** /registration/npqh-status: the coaching offer is for people with (or doing) the Headship NPQ. */
export const npqhStatus = radioQuestion({
  id: 'npqh-status',
  title: 'What stage are you at with the Headship NPQ?',
  hint: 'To be eligible for the Early headship coaching offer you need to do the Headship NPQ.',
  field: 'npqhStatus',
  choices: CHOICES,
  missing: 'Select what stage you are at with the Headship NPQ',
  summaryKey: 'Headship NPQ',
  leadsTo: { 'ehco-unavailable': 'none of the above', 'ehco-headteacher': 'completed, doing or starting it' },
  next: ({ answers }) => (answers.npqhStatus === 'none' ? 'ehco-unavailable' : 'ehco-headteacher'),
})
