import type { SencoInRole } from '../../answers.ts'
import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

const CHOICES: ReadonlyArray<Choice<SencoInRole>> = [
  { value: 'yes', text: 'Yes' },
  { value: 'no_but_i_plan_to_become_one', text: 'No, but I plan to become one' },
  { value: 'no_i_do_not_plan_to_be_a_SENCO', text: 'No, I do not plan to be a SENCO' },
]

/** /registration/senco-in-role */
export const sencoInRole = radioQuestion({
  id: 'senco-in-role',
  title: 'Do you work as a special educational needs co-ordinator (SENCO)?',
  field: 'sencoInRole',
  choices: CHOICES,
  missing: 'Select if you work as a SENCO or plan to become one',
  summaryKey: 'Works as a SENCO',
  leadsTo: { 'senco-start-date': 'yes', 'possible-funding': 'no, funded', 'ineligible-for-funding': 'no, not funded' },
  next: (state) => (state.answers.sencoInRole === 'yes' ? 'senco-start-date' : fundingOutcomeStep(state)),
})
