import { textQuestion } from '../../shared/questions.ts'

/** /registration/your-employer */
export const yourEmployer = textQuestion({
  id: 'your-employer',
  title: 'What organisation are you employed by?',
  hint: 'For example, Essex County Council, or ‘I am self-employed’.',
  field: 'employerName',
  missing: 'Enter the name of your employer',
  maxLength: 200,
  tooLong: 'The name of your employer must be 200 characters or fewer',
  summaryKey: 'Employer',
  leadsTo: { 'choose-your-npq': '' },
  next: () => 'choose-your-npq',
})
