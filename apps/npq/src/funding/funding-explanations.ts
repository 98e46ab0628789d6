// What we tell the person about their funding, for each status code: after "Which NPQ do you want to do?",
// on their account page and in emails. Plain text: templates escape it like any other text.
// "{course}" stands for the course's full name, e.g. "NPQ for Headship (NPQH)".

import type { CohortFundingMode, StoredFundingStatusCode } from './funding-eligibility.ts'

export type FundingExplanation = {
  heading: string
  paragraphs: string[]
}

const PAY_ANOTHER_WAY =
  'You can still register. You will need to pay for the course another way, for example through your school, trust or employer, or by paying yourself.'

const ELIGIBLE_FOR_FUNDING: FundingExplanation = {
  heading: 'You’re eligible for scholarship funding',
  paragraphs: [
    'DfE scholarship funding will pay the course fees for the {course} if your training provider accepts your application.',
  ],
}

const REVIEW: FundingExplanation = {
  heading: 'We need to check if you can get scholarship funding',
  paragraphs: [
    'DfE will review your application to decide whether scholarship funding can pay for the {course}. This is because of where you work.',
    'You can still register now. We’ll email you if you’re eligible for funding.',
    'If you’re not eligible, you’ll need to pay for the course another way, for example through your employer or by paying yourself.',
  ],
}

export const FUNDING_EXPLANATIONS: Readonly<Record<StoredFundingStatusCode, FundingExplanation>> = {
  funded: ELIGIBLE_FOR_FUNDING,
  unfunded_cohort: {
    heading: 'Scholarship funding is not available for courses starting at this time',
    paragraphs: [
      'DfE does not fund the {course} for courses starting at this time.',
      PAY_ANOTHER_WAY,
      'If you want scholarship funding, check when the next courses start and register for one of those instead.',
    ],
  },
  not_in_england: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: ['Scholarship funding is only for people who work in England.', PAY_ANOTHER_WAY],
  },
  previously_funded: {
    heading: 'You’ve already had scholarship funding for this course',
    paragraphs: [
      'You can only get scholarship funding for the {course} once. You already have a funded place on it, or on a course it replaced.',
      PAY_ANOTHER_WAY,
    ],
  },
  not_new_headteacher_requesting_ehco: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: ['Scholarship funding for the {course} is only for headteachers in their first 5 years of headship.', PAY_ANOTHER_WAY],
  },
  not_entitled_childminder: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: [
      'Scholarship funding for the {course} is only for childminders registered on the Ofsted early years register or with a registered childminder agency.',
      PAY_ANOTHER_WAY,
    ],
  },
  early_years_invalid_npq: {
    heading: 'You’re not eligible for scholarship funding for this course',
    paragraphs: [
      'If you work in early years or childcare, scholarship funding is only for the NPQ for Early Years Leadership. If you work in a local authority nursery school, it can also pay for the NPQs for Headship, Senior Leadership and Special Educational Needs Co-ordinators.',
      'The {course} is not one of these.',
      PAY_ANOTHER_WAY,
    ],
  },
  ineligible_establishment_type: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: [
      'Scholarship funding is for people who work in state-funded schools, academies, colleges and nurseries in England, and in some other settings. Where you work is not one of them.',
      PAY_ANOTHER_WAY,
    ],
  },
  ineligible_establishment_not_a_pp50: {
    heading: 'Your school or college is not eligible for scholarship funding for this course',
    paragraphs: [
      'Scholarship funding for the {course} is only for schools and colleges with the highest proportions of pupils eligible for the pupil premium. Yours is not one of them.',
      'You may still be able to get scholarship funding for the NPQs for Headship, Senior Leadership, Special Educational Needs Co-ordinators or Early Years Leadership.',
      PAY_ANOTHER_WAY,
    ],
  },
  not_lead_mentor_course: {
    heading: 'You’re not eligible for scholarship funding for this course',
    paragraphs: [
      'If you’re a lead mentor for an accredited initial teacher training provider, scholarship funding is only for the NPQ for Leading Teacher Development.',
      PAY_ANOTHER_WAY,
    ],
  },
  subject_to_review: REVIEW,
  referred_by_return_to_teaching_adviser: {
    heading: REVIEW.heading,
    paragraphs: [
      'A Return to Teaching adviser referred you, so DfE will review your application to decide whether scholarship funding can pay for the {course}.',
      ...REVIEW.paragraphs.slice(1),
    ],
  },
  not_entitled_ey_institution: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: ['Your early years setting was not on the list of settings eligible for scholarship funding for the {course}.', PAY_ANOTHER_WAY],
  },
  marked_funded_by_policy: {
    heading: ELIGIBLE_FOR_FUNDING.heading,
    paragraphs: ['DfE has reviewed your application. Scholarship funding will pay the course fees for the {course} if your training provider accepts your application.'],
  },
  marked_ineligible_by_policy: {
    heading: 'You’re not eligible for scholarship funding',
    paragraphs: ['DfE has reviewed your application and decided that scholarship funding cannot pay for the {course}.', PAY_ANOTHER_WAY],
  },
}

const FUNDED_PLACES_ARE_LIMITED =
  'Funded places are limited. Your training provider will tell you whether they can offer you a funded place.'

export function explainFunding(
  statusCode: StoredFundingStatusCode,
  context: { courseName: string; cohortFundingMode?: CohortFundingMode },
): FundingExplanation {
  const explanation = FUNDING_EXPLANATIONS[statusCode]
  if (!explanation) throw new RangeError(`No explanation for funding status code: ${String(statusCode)}`)
  const paragraphs = explanation.paragraphs.map((paragraph) => paragraph.replaceAll('{course}', context.courseName))
  const fundable = statusCode === 'funded' || statusCode === 'marked_funded_by_policy'
  if (fundable && context.cohortFundingMode === 'capped') paragraphs.push(FUNDED_PLACES_ARE_LIMITED)
  return { heading: explanation.heading.replaceAll('{course}', context.courseName), paragraphs }
}
