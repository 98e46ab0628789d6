import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/provider-check: people who have not chosen an NPQ and a provider are told to do that first. */
export const providerCheck = radioQuestion({
  id: 'provider-check',
  title: 'Have you chosen an NPQ and provider?',
  field: 'chosenProvider',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if you have chosen an NPQ and provider',
  leadsTo: { 'teacher-catchment': 'yes', 'choose-an-npq-and-provider': 'no' },
  next: (state) => (state.answers.chosenProvider === 'yes' ? 'teacher-catchment' : 'choose-an-npq-and-provider'),
})
