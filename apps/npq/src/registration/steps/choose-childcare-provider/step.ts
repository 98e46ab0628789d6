import { checkEstablishment, establishmentSummary, searchEstablishments, URN_FORMAT } from '../../shared/establishments.ts'
import { searchQuestion } from '../../shared/search.ts'

const MISSING_CHOICE = 'Select your nursery or school'

/** /registration/choose-childcare-provider: a local authority nursery, or the school a pre-school class is part of. */
export const chooseChildcareProvider = searchQuestion({
  id: 'choose-childcare-provider',
  title: 'What’s the name of your nursery?',
  hint: 'Enter the name or unique reference number (URN) of your nursery, or of the school your nursery class is part of.',
  missingSearch: 'Enter the name or URN of your nursery',
  chooseLegend: 'Select your nursery or school',
  missingChoice: MISSING_CHOICE,
  noun: 'nurseries or schools',
  searchKey: 'nurserySearch',
  choiceKey: 'nurseryUrn',
  choiceField: 'urn',
  choiceFormat: URN_FORMAT,
  search: searchEstablishments,
  check: (lookups, urn) => checkEstablishment(lookups, urn, MISSING_CHOICE),
  isAnswered: ({ answers, context }) => answers.nurseryUrn !== undefined && context.nursery?.urn === answers.nurseryUrn,
  leadsTo: { 'choose-your-npq': 'in England', 'school-not-in-england': 'not in England' },
  next: ({ context }) => (context.nursery?.inEngland === false ? 'school-not-in-england' : 'choose-your-npq'),
  summary: ({ context }) => [{ key: 'Nursery', value: establishmentSummary(context.nursery) }],
})
