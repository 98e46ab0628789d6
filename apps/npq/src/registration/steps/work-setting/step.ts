import { SCHOOL_WORK_SETTINGS, WORK_SETTINGS } from '../../answers.ts'
import type { WorkSetting } from '../../../funding/funding-eligibility.ts'
import { radioQuestion } from '../../shared/questions.ts'
import type { Choice } from '../../step.ts'

export const WORK_SETTING_CHOICES: ReadonlyArray<Choice<WorkSetting>> = [
  { value: 'early_years_or_childcare', text: 'Early years or childcare' },
  { value: 'a_school', text: 'A school', hint: 'This includes local authority maintained schools and academies.' },
  { value: 'an_academy_trust', text: 'An academy trust' },
  { value: 'a_16_to_19_educational_setting', text: 'A 16 to 19 educational setting' },
  {
    value: 'another_setting',
    text: 'Another setting',
    hint: 'For example a virtual school, hospital school, young offender institution, or as a lead mentor for an initial teacher training (ITT) provider.',
  },
  { value: 'other', text: 'Other', hint: 'For example, if you are returning to teaching.' },
]

if (WORK_SETTING_CHOICES.length !== WORK_SETTINGS.length) throw new Error('every work setting needs a label')

/** /registration/work-setting: decides which workplace questions follow. */
export const workSetting = radioQuestion({
  id: 'work-setting',
  title: 'What setting do you work in?',
  hint: 'Your provider will check what you tell us, so make sure it is correct.',
  field: 'workSetting',
  choices: WORK_SETTING_CHOICES,
  missing: 'Select the setting you work in',
  summaryKey: 'Work setting',
  leadsTo: {
    'choose-your-npq': 'works outside England',
    'choose-school': 'school, academy trust or 16 to 19',
    'kind-of-nursery': 'early years or childcare',
    'your-employment': 'another setting',
    'referred-by-return-to-teaching-adviser': 'other',
  },
  next({ answers }) {
    if (answers.teacherCatchment !== 'england') return 'choose-your-npq'
    const setting = answers.workSetting
    if (setting && SCHOOL_WORK_SETTINGS.includes(setting)) return 'choose-school'
    if (setting === 'early_years_or_childcare') return 'kind-of-nursery'
    if (setting === 'another_setting') return 'your-employment'
    return 'referred-by-return-to-teaching-adviser'
  },
})
