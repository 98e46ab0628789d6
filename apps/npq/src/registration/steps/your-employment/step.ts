import type { EmploymentType } from '../../../funding/funding-eligibility.ts'
import { EMPLOYMENT_TYPES } from '../../answers.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

export const EMPLOYMENT_TYPE_CHOICES: ReadonlyArray<Choice<EmploymentType>> = [
  { value: 'local_authority_virtual_school', text: 'In a virtual school (local authority run organisations that support the education of children in care)' },
  { value: 'hospital_school', text: 'In a hospital school' },
  { value: 'young_offender_institution', text: 'In a young offender institution' },
  { value: 'local_authority_supply_teacher', text: 'As a teacher employed by a local authority to teach in more than one school', hint: 'This could be as a supply teacher or peripatetic teacher.' },
  { value: 'lead_mentor_for_accredited_itt_provider', text: 'As a lead mentor for an accredited initial teacher training (ITT) provider' },
]

if (EMPLOYMENT_TYPE_CHOICES.length !== EMPLOYMENT_TYPES.length) throw new Error('every employment type needs a label')

/** /registration/your-employment: for people in another setting. */
export const yourEmployment = radioQuestion({
  id: 'your-employment',
  title: 'How are you employed?',
  field: 'employmentType',
  choices: EMPLOYMENT_TYPE_CHOICES,
  missing: 'Select how you are employed',
  summaryKey: 'Employment',
  leadsTo: { 'itt-provider': 'lead mentor', 'your-employer': 'hospital school or young offender institution', 'your-role': 'virtual school or supply teacher' },
  next({ answers }) {
    if (answers.employmentType === 'lead_mentor_for_accredited_itt_provider') return 'itt-provider'
    if (answers.employmentType === 'hospital_school' || answers.employmentType === 'young_offender_institution') return 'your-employer'
    return 'your-role'
  },
})
