import type { KindOfNursery } from '../../../funding/funding-eligibility.ts'
import { KINDS_OF_NURSERY, PUBLIC_KINDS_OF_NURSERY } from '../../answers.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

export const KIND_OF_NURSERY_CHOICES: ReadonlyArray<Choice<KindOfNursery>> = [
  { value: 'local_authority_maintained_nursery', text: 'Local authority-maintained nursery' },
  { value: 'preschool_class_as_part_of_school', text: 'Pre-school class or nursery that’s part of a school (maintained or independent)' },
  { value: 'private_nursery', text: 'Private nursery' },
  { value: 'childminder', text: 'As a childminder' },
  { value: 'another_early_years_setting', text: 'Another early years setting' },
]

if (KIND_OF_NURSERY_CHOICES.length !== KINDS_OF_NURSERY.length) throw new Error('every kind of nursery needs a label')

/** /registration/kind-of-nursery: nurseries in GIAS are searched for; the others may have an Ofsted URN. */
export const kindOfNursery = radioQuestion({
  id: 'kind-of-nursery',
  title: 'Which early years setting do you work in?',
  field: 'kindOfNursery',
  choices: KIND_OF_NURSERY_CHOICES,
  missing: 'Select your early years setting',
  summaryKey: 'Early years setting',
  leadsTo: { 'choose-childcare-provider': 'local authority nursery or school', 'have-ofsted-urn': 'private, childminder or other' },
  next: ({ answers }) => (answers.kindOfNursery && PUBLIC_KINDS_OF_NURSERY.includes(answers.kindOfNursery) ? 'choose-childcare-provider' : 'have-ofsted-urn'),
})
