import { sql, type Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { enqueueEmail } from '../../../../packages/kit/src/email/email-outbox.ts'
import type { User } from '../database/schema.ts'
import { APPLICATION_SUBMITTED_EMAIL } from '../emails.ts'
import { readAnswers } from './answers.ts'
import { applicationRow } from './application.ts'
import { chosenCohort, chosenCourse, chosenProvider, type RegistrationState } from './context.ts'
import { pathAnswers, readyToSubmit } from './flow.ts'
import { fundingDecision } from './funding-input.ts'
import { loadContext } from './load-context.ts'
import { fundingExplanation } from './shared/funding-outcome.ts'
import type { RegistrationTables } from './tables.ts'

// Submitting a registration: one transaction that locks the person's draft, works out the path and the funding
// again from what is stored (not from what the page showed), creates the application, queues the confirmation
// email and empties the draft. The application's submission key is the draft version the person confirmed, so
// a second submit of the same page (a double click, Back and submit again) finds the application it made.

export type SubmissionOutcome =
  | { outcome: 'submitted'; applicationId: string }
  /** This draft version was submitted before: the same application, no second email. */
  | { outcome: 'already-submitted'; applicationId: string }
  /** The draft changed since the page was shown (another tab): show the answers again. */
  | { outcome: 'draft-changed' }
  /** Something on the path is unanswered (or no longer a valid answer). */
  | { outcome: 'not-ready' }
  /** The identity service is still checking who the person is: they can submit once it has. */
  | { outcome: 'trn-pending' }
  /** The person has a pending application for this course in this cohort already. */
  | { outcome: 'already-registered'; courseName: string; cohortDescription: string }

export type SubmissionDependencies = { db: Kysely<RegistrationTables>; clock: Clock; baseUrl: string }

export function submissionKey(userId: string, draftVersion: number): string {
  return `${userId}:${draftVersion}`
}

class AlreadyRegistered extends Error {}

function isPendingIndexViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown }
  return code === '23505' && (constraint === 'applications_one_pending_per_course' || (typeof message === 'string' && message.includes('applications_one_pending_per_course')))
}

export async function submitRegistration(dependencies: SubmissionDependencies, user: User, draftVersion: number): Promise<SubmissionOutcome> {
  const { db, clock } = dependencies
  const key = submissionKey(user.id, draftVersion)
  let refused: { courseName: string; cohortDescription: string } | undefined
  try {
    return await db.transaction().execute(async (trx): Promise<SubmissionOutcome> => {
      // Concurrent submits of one draft queue here; the second sees the first one's application.
      const draft = await trx.selectFrom('registration_drafts').select(['answers', 'version']).where('user_id', '=', user.id).forUpdate().executeTakeFirst()
      const earlier = await trx.selectFrom('applications').select('id').where('submission_key', '=', key).executeTakeFirst()
      if (earlier) return { outcome: 'already-submitted', applicationId: earlier.id }
      if (!draft || draft.version !== draftVersion) return { outcome: 'draft-changed' }
      if (user.trn_lookup_status === 'Pending') return { outcome: 'trn-pending' }

      const answers = readAnswers(draft.answers)
      const context = await loadContext(trx, user, answers, clock)
      const full: RegistrationState = { answers, context }
      if (!readyToSubmit(full)) return { outcome: 'not-ready' }
      const state: RegistrationState = { answers: pathAnswers(full), context }
      const decision = fundingDecision(state)
      const course = chosenCourse(state)
      const cohort = chosenCohort(state)
      const provider = chosenProvider(state)
      if (!decision || !course || !cohort || !provider) return { outcome: 'not-ready' }
      refused = { courseName: course.fullName, cohortDescription: cohort.description }
      if (context.earlierApplications.some((application) => application.pending && application.courseIdentifier === course.identifier && application.cohortIdentifier === cohort.identifier)) {
        throw new AlreadyRegistered()
      }

      const now = clock.now()
      const inserted = await trx
        .insertInto('applications')
        .values(applicationRow({ state, user, decision, submissionKey: key, now }))
        .onConflict((conflict) => conflict.column('submission_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) {
        const existing = await trx.selectFrom('applications').select('id').where('submission_key', '=', key).executeTakeFirstOrThrow()
        return { outcome: 'already-submitted', applicationId: existing.id }
      }
      const explanation = fundingExplanation(state)
      await enqueueEmail(
        trx,
        {
          to: user.email,
          template: APPLICATION_SUBMITTED_EMAIL,
          personalisation: {
            full_name: user.full_name,
            course_name: course.fullName,
            provider_name: provider.name,
            funding_summary: explanation ? [explanation.heading, ...explanation.paragraphs].join('\n\n') : '',
            application_id: inserted.id,
            account_url: `${dependencies.baseUrl}/account`,
          },
          reference: `application-${inserted.id}`,
        },
        clock,
      )
      // The draft is emptied, not deleted: its version keeps rising, so the next registration's key is new.
      await trx
        .updateTable('registration_drafts')
        .set({ answers: JSON.stringify({}), version: sql<number>`version + 1`, updated_at: now })
        .where('user_id', '=', user.id)
        .execute()
      return { outcome: 'submitted', applicationId: inserted.id }
    })
  } catch (error) {
    // The unique index is what stops two tabs racing past the check above; either way nothing was written.
    if ((error instanceof AlreadyRegistered || isPendingIndexViolation(error)) && refused) return { outcome: 'already-registered', ...refused }
    throw error
  }
}

