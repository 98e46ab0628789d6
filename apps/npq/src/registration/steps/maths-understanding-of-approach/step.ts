import type { MathsUnderstanding } from '../../answers.ts'
import { fundingOutcomeStep } from '../../shared/next-steps.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

const CHOICES: ReadonlyArray<Choice<MathsUnderstanding>> = [
  { value: 'taken_a_similar_course', text: 'I have taken a similar course' },
  { value: 'another_way', text: 'I can show my understanding another way', hint: 'For example, a reference from a professional who has supported your mastery professional development.' },
  { value: 'cannot_show', text: 'I cannot show an understanding of mastery approaches to teaching maths' },
]

/** /registration/maths-understanding-of-approach */
export const mathsUnderstandingOfApproach = radioQuestion({
  id: 'maths-understanding-of-approach',
  title: 'How can you show your understanding of mastery approaches to teaching maths?',
  hint: 'Your provider will ask you for details.',
  field: 'mathsUnderstandingOfApproach',
  choices: CHOICES,
  missing: 'Select how you can show your understanding of mastery approaches to teaching maths',
  summaryKey: 'Understanding of mastery approaches',
  leadsTo: { 'maths-cannot-register': 'cannot show it', 'possible-funding': 'funded', 'ineligible-for-funding': 'not funded' },
  next: (state) => (state.answers.mathsUnderstandingOfApproach === 'cannot_show' ? 'maths-cannot-register' : fundingOutcomeStep(state)),
})
