import { textQuestion } from '../../shared/questions.ts'

/** /registration/your-role */
export const yourRole = textQuestion({
  id: 'your-role',
  title: 'What is your role?',
  hint: 'For example, teacher, administrator or business manager.',
  field: 'employmentRole',
  missing: 'Enter your role',
  maxLength: 200,
  tooLong: 'Your role must be 200 characters or fewer',
  summaryKey: 'Role',
  leadsTo: { 'your-employer': '' },
  next: () => 'your-employer',
})
