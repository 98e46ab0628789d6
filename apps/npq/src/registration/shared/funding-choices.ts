import type { FundingChoice } from '../answers.ts'
import type { Choice } from '../step.ts'

export const FUNDING_CHOICE_OPTIONS: ReadonlyArray<Choice<FundingChoice>> = [
  { value: 'school', text: 'My workplace is covering the cost' },
  { value: 'trust', text: 'My trust is paying' },
  { value: 'self', text: 'I am paying' },
  { value: 'another', text: 'Another way', hint: 'For example, I am sharing the costs with my workplace.' },
]
