import { SEARCH_RESULT_LIMIT } from '../../lookups.ts'
import { searchQuestion } from '../../shared/search.ts'

const MISSING_CHOICE = 'Select the ITT provider you are a lead mentor for'

/** /registration/itt-provider: lead mentors choose their accredited initial teacher training provider. */
export const ittProvider = searchQuestion({
  id: 'itt-provider',
  title: 'Which initial teacher training (ITT) provider are you a lead mentor for?',
  hint: 'Enter the name of the accredited ITT provider you work with.',
  missingSearch: 'Enter the name of your ITT provider',
  chooseLegend: 'Select your ITT provider',
  missingChoice: MISSING_CHOICE,
  noun: 'accredited ITT providers',
  searchKey: 'ittProviderSearch',
  choiceKey: 'ittProvider',
  choiceField: 'ittProvider',
  choiceFormat: /^.{1,255}$/,
  async search(lookups, query) {
    const matches = await lookups.searchIttProviders(query)
    return matches.slice(0, SEARCH_RESULT_LIMIT).map((match) => ({
      value: match.legalName,
      text: match.operatingName,
      hint: match.legalName === match.operatingName ? '' : match.legalName,
    }))
  },
  async check(lookups, legalName) {
    return (await lookups.findIttProvider(legalName)) ? { ok: true } : { ok: false, message: MISSING_CHOICE }
  },
  isAnswered: ({ answers, context }) => answers.ittProvider !== undefined && context.ittProvider?.legalName === answers.ittProvider,
  leadsTo: { 'choose-your-npq': '' },
  next: () => 'choose-your-npq',
  summary: ({ context }) => [{ key: 'ITT provider', value: context.ittProvider?.operatingName ?? '' }],
})
