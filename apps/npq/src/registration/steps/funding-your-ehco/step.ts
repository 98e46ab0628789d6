import { FUNDING_CHOICE_OPTIONS } from '../../shared/funding-choices.ts'
import { radioQuestion } from '../../shared/questions.ts'

/** /registration/funding-your-ehco */
export const fundingYourEhco = radioQuestion({
  id: 'funding-your-ehco',
  title: 'How are you funding the Early headship coaching offer?',
  field: 'ehcoFundingChoice',
  choices: FUNDING_CHOICE_OPTIONS,
  missing: 'Select how the Early headship coaching offer will be funded',
  summaryKey: 'How you are funding the coaching offer',
  leadsTo: { 'choose-your-provider': '' },
  next: () => 'choose-your-provider',
})
