import { FUNDING_CHOICE_OPTIONS } from '../../shared/funding-choices.ts'
import { radioQuestion } from '../../shared/questions.ts'

/** /registration/funding-your-npq: how someone without scholarship funding will pay. */
export const fundingYourNpq = radioQuestion({
  id: 'funding-your-npq',
  title: 'How are you funding your course?',
  field: 'fundingChoice',
  choices: FUNDING_CHOICE_OPTIONS,
  missing: 'Select how your NPQ will be funded',
  summaryKey: 'How you are funding your course',
  leadsTo: { 'choose-your-provider': '' },
  next: () => 'choose-your-provider',
})
