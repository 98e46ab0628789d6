import type { Insertable } from 'kysely'
import type { ApplicationsTable, User } from '../database/schema.ts'
import { FUNDING_RULES_VERSION, type FundingDecision } from '../funding/funding-eligibility.ts'
import type { RegistrationAnswers } from './answers.ts'
import type { RegistrationState } from './context.ts'
import { chosenWorkplace } from './funding-input.ts'
import { EHCO } from './shared/next-steps.ts'

// The application row a submitted registration becomes: a pure function of the answers on the person's path,
// what the database said about them, and the funding decision.

export function headteacherStatus(answers: RegistrationAnswers): string | null {
  if (answers.courseIdentifier !== EHCO || answers.ehcoHeadteacher === undefined) return null
  if (answers.ehcoHeadteacher === 'no') return 'no'
  return answers.ehcoNewHeadteacher === 'yes' ? 'yes_in_first_five_years' : 'yes_over_five_years'
}

/** The TRN providers may see: only one the identity service found. */
export function submissionTrn(user: Pick<User, 'trn' | 'trn_verified' | 'trn_lookup_status'>): string | null {
  return user.trn_lookup_status === 'Found' && user.trn_verified ? user.trn : null
}

export function applicationRow(options: {
  /** The state with only the answers on the person's path (flow.ts pathAnswers). */
  state: RegistrationState
  user: User
  decision: FundingDecision
  submissionKey: string
  now: Date
}): Insertable<ApplicationsTable> {
  const { state, user, decision, submissionKey, now } = options
  const { answers } = state
  const workplace = chosenWorkplace(state)
  const establishment = workplace && workplace.kind !== 'private_childcare_provider' ? workplace.establishment : null
  const fundingChoice = decision.funded ? null : ((answers.courseIdentifier === EHCO ? answers.ehcoFundingChoice : answers.fundingChoice) ?? null)
  return {
    user_id: user.id,
    submission_key: submissionKey,
    cohort_identifier: answers.courseStartCohort as string,
    course_identifier: answers.courseIdentifier as string,
    lead_provider_identifier: answers.leadProvider as string,
    work_setting: answers.workSetting ?? null,
    teacher_catchment: answers.teacherCatchment ?? 'england',
    teacher_catchment_country: answers.teacherCatchment === 'another' ? (answers.teacherCatchmentCountry ?? null) : null,
    school_urn: establishment?.urn ?? null,
    private_childcare_provider_urn: workplace?.kind === 'private_childcare_provider' ? workplace.urn : null,
    ukprn: establishment?.ukprn ?? null,
    kind_of_nursery: answers.kindOfNursery ?? null,
    employment_type: answers.employmentType ?? null,
    employment_role: answers.employmentRole ?? null,
    employer_name: answers.employerName ?? null,
    itt_provider: answers.ittProvider ?? null,
    headteacher_status: headteacherStatus(answers),
    senco_in_role: answers.sencoInRole ?? null,
    senco_start_date: answers.sencoStartDate ? `${answers.sencoStartDate}-01` : null,
    eligible_for_funding: decision.funded,
    funding_eligibility_status_code: decision.statusCode,
    funding_rules_version: FUNDING_RULES_VERSION,
    review_status: decision.subjectToReview ? 'needs_review' : null,
    funding_choice: fundingChoice,
    on_submission_trn: submissionTrn(user),
    raw_application_data: JSON.stringify({ answers, fundingRulesVersion: FUNDING_RULES_VERSION, subjectToReview: decision.subjectToReview }),
    created_at: now,
    updated_at: now,
  }
}
