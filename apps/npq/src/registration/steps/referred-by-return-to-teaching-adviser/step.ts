import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/referred-by-return-to-teaching-adviser: people referred may have their funding reviewed. */
export const referredByReturnToTeachingAdviser = radioQuestion({
  id: 'referred-by-return-to-teaching-adviser',
  title: 'Did a Return to Teaching adviser refer you to this service?',
  field: 'referredByReturnToTeachingAdviser',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if a Return to Teaching adviser referred you',
  summaryKey: 'Referred by a Return to Teaching adviser',
  leadsTo: { 'choose-your-npq': '' },
  next: () => 'choose-your-npq',
})
