import { checkEstablishment, establishmentSummary, searchEstablishments, URN_FORMAT } from '../../shared/establishments.ts'
import { searchQuestion } from '../../shared/search.ts'

const MISSING_CHOICE = 'Select your school or college'

/** /registration/choose-school: the school, academy or college the person works in, found by name or URN. */
export const chooseSchool = searchQuestion({
  id: 'choose-school',
  title: 'What’s the name of your workplace?',
  hint: 'Enter the name or unique reference number (URN) of your school or 16 to 19 educational setting. If you work for a trust, enter one of its schools.',
  missingSearch: 'Enter the name or URN of your school or college',
  chooseLegend: 'Select your school or college',
  missingChoice: MISSING_CHOICE,
  noun: 'schools or colleges',
  searchKey: 'schoolSearch',
  choiceKey: 'schoolUrn',
  choiceField: 'urn',
  choiceFormat: URN_FORMAT,
  search: searchEstablishments,
  check: (lookups, urn) => checkEstablishment(lookups, urn, MISSING_CHOICE),
  // A school that has since vanished from the data is no answer: the person searches again.
  isAnswered: ({ answers, context }) => answers.schoolUrn !== undefined && context.school?.urn === answers.schoolUrn,
  leadsTo: { 'choose-your-npq': 'in England', 'school-not-in-england': 'not in England' },
  next: ({ context }) => (context.school?.inEngland === false ? 'school-not-in-england' : 'choose-your-npq'),
  summary: ({ context }) => [{ key: 'Workplace', value: establishmentSummary(context.school) }],
})
