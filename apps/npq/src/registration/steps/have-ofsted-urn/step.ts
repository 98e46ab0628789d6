import { radioQuestion, YES_NO_CHOICES } from '../../shared/questions.ts'

/** /registration/have-ofsted-urn: private nurseries and childminders are found by their Ofsted URN. */
export const haveOfstedUrn = radioQuestion({
  id: 'have-ofsted-urn',
  title: 'Do you or your employer have an Ofsted unique reference number (URN)?',
  field: 'hasOfstedUrn',
  choices: YES_NO_CHOICES,
  inline: true,
  missing: 'Select yes if you or your employer have an Ofsted URN',
  summaryKey: 'Ofsted URN',
  leadsTo: { 'choose-private-childcare-provider': 'yes', 'choose-your-npq': 'no' },
  next: ({ answers }) => (answers.hasOfstedUrn === 'yes' ? 'choose-private-childcare-provider' : 'choose-your-npq'),
})
