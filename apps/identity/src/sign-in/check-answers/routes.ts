import { randomUUID } from 'node:crypto'
import type { Router } from 'express'
import type { TrnVerificationLevel } from '../../database/schema.ts'
import { recordEvent } from '../../events/record-event.ts'
import { describeCandidates } from '../../support-tickets/candidates.ts'
import { raiseSupportTicket } from '../../support-tickets/support-tickets.ts'
import { shouldRaiseTicket, ticketFromPendingLookup, type LookupOutcome } from '../../support-tickets/ticket-content.ts'
import type { TeachingRecordSummary } from '../../teaching-records/records-client.ts'
import { findUserByEmail, liveUsers, trnHeldByAnotherAccount } from '../../users/users.ts'
import { publishUserEvent } from '../../webhooks/publish.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { changeAccountRecord, finishSignedIn } from '../finish.ts'
import { accessFor } from '../../users/service-access.ts'
import { trnLookupStatus, type SignInState } from '../journey.ts'
import type { JourneyClient, JourneyData } from '../journey-store.ts'
import { lookUpRecord } from '../records-lookup.ts'
import { stepRoutes, type StepContext } from '../steps.ts'
import { summaryRows } from './summary.ts'

const VIEW = 'sign-in/check-answers/check-answers'

/** /sign-in/check-answers: the answers with change links; submitting creates the account. */
export function checkAnswersRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'check-answers', {
    get(context) {
      const intro = context.state.findingAccountRecord
        ? 'Your name and date of birth are the ones on your DfE Identity account. We’ll use these details to find your teaching record and link it to your account.'
        : undefined
      context.render(VIEW, { rows: summaryRows(context.state), intro })
    },
    async post(context) {
      if (context.state.findingAccountRecord && context.state.existingUserId) return linkAccountRecord(dependencies, context, context.state.existingUserId)
      // The address has an account already: a double submit whose twin made it, or the person registering in another
      // tab. They proved the address is theirs, so they are signed in to it.
      const email = context.state.answers.email as string
      const owner = await findUserByEmail(dependencies.db, email)
      if (owner) return finishSignedIn(dependencies, context, { ...context.state, existingUserId: owner.sub }, owner.sub)

      let state = context.state
      let changes: Partial<JourneyData> = {}
      if (state.asksForTrn && context.data.lookupUnavailable) {
        // The matcher was down at the last question: one more try before we settle for "Pending".
        ;({ state, changes } = await lookUpRecord(dependencies, context.data, state, 'check-answers'))
      }
      const unavailable = changes.lookupUnavailable ?? context.data.lookupUnavailable ?? false
      const status = !state.asksForTrn ? null : unavailable ? 'Pending' : trnLookupStatus(state)
      const lookup = state.lookup
      const trn = status === 'Found' && lookup?.outcome === 'match' ? lookup.trn : null

      if (trn) {
        const trnOwner = await liveUsers(dependencies.db).select(['sub', 'email']).where('trn', '=', trn).executeTakeFirst()
        if (trnOwner) return proveTrnOwnership(dependencies, context, { ...state, trnOwner }, changes)
      }
      const record = trn ? await dependencies.records.getRecord(trn) : null
      const level: TrnVerificationLevel | null = trn ? verificationLevel(lookup?.outcome === 'match' ? lookup.agreedFields : undefined) : null
      const lookupOutcome = await pendingLookup(dependencies, context.data.client, state, { status, unavailable })
      await register(dependencies, context, state, changes, { trn, status, level, record, lookup: lookupOutcome })
    },
  })
}

/** The record is linked to another account: a code goes to that account's address, to prove it is theirs. */
async function proveTrnOwnership(dependencies: SignInDependencies, context: StepContext, state: SignInState, changes: Partial<JourneyData>): Promise<void> {
  const owner = state.trnOwner as { sub: string; email: string }
  await dependencies.limits.beforeSending(context.req, owner.email)
  await context.advance(state, changes, (trx) => dependencies.codes.send(trx, context.journey.id, owner.email, context.data.client.name))
}

/** Medium when the record was matched on an identifier (NI number or TRN) as well as name and date of birth. */
function verificationLevel(agreedFields: string[] | undefined): TrnVerificationLevel {
  return agreedFields?.some((field) => field === 'nationalInsuranceNumber' || field === 'trn') ? 'medium' : 'low'
}

type Outcome = {
  trn: string | null
  status: 'Found' | 'Pending' | 'None' | null
  level: TrnVerificationLevel | null
  record: TeachingRecordSummary | null
  /** How the lookup ended, when it raises a helpdesk ticket; undefined when it does not. */
  lookup: LookupOutcome | undefined
}

/**
 * How the lookup ended, when the service raises tickets and the lookup ended Pending; undefined otherwise. The
 * candidates' records are read here, before the account's transaction, so no HTTP call holds it open; and only when a
 * ticket will be raised, so other services' registrations make no extra calls.
 */
async function pendingLookup(
  dependencies: SignInDependencies,
  client: JourneyClient,
  state: SignInState,
  ended: { status: Outcome['status']; unavailable: boolean },
): Promise<LookupOutcome | undefined> {
  const { lookup } = state
  const outcome: LookupOutcome = { status: ended.status, matcher: ended.unavailable ? 'unavailable' : (lookup?.outcome ?? 'none') }
  if (!shouldRaiseTicket(client, outcome, state.answers)) return undefined
  if (lookup?.outcome !== 'possible' || ended.unavailable) return outcome
  // A journey saved before candidates were kept has none: the ticket then says the matcher named no records.
  return { ...outcome, candidates: await describeCandidates(dependencies.records, lookup.candidates ?? []) }
}

/** Creates the account and ends the journey in one transaction; the names on the record win over the typed ones. */
async function register(dependencies: SignInDependencies, context: StepContext, state: SignInState, changes: Partial<JourneyData>, outcome: Outcome): Promise<void> {
  const { answers } = state
  const { record } = outcome
  const names = record
    ? { given_name: record.firstName, middle_name: record.middleName || null, family_name: record.lastName }
    : { given_name: answers.firstName as string, middle_name: answers.middleName ?? null, family_name: answers.lastName as string }
  const preferredName = answers.preferredName ?? [names.given_name, names.middle_name, names.family_name].filter(Boolean).join(' ')
  const access = await accessFor(dependencies.records, context.data.client, outcome.trn, record)
  const sub = randomUUID()
  const now = dependencies.clock.now()

  const ticketRaised = outcome.lookup !== undefined
  await context.advance({ ...state, signedInUserId: sub }, { ...changes, finished: { outcome: 'created', access, ...(ticketRaised ? { ticketRaised } : {}) } }, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        sub,
        email: answers.email as string,
        email_verified: true,
        ...names,
        preferred_name: preferredName,
        birthdate: answers.dateOfBirth as string,
        trn: outcome.trn,
        trn_lookup_status: outcome.status,
        trn_verification_level: outcome.level,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      type: 'user_registered',
      actor: `user:${sub}`,
      userSub: sub,
      clientId: context.data.client.clientId,
      occurredAt: now,
      details: { trnLookupStatus: outcome.status, trnVerificationLevel: outcome.level, namesFromRecord: record !== null },
    })
    if (outcome.lookup) {
      // The same transaction as the account: the ticket exists exactly when the account does.
      const content = ticketFromPendingLookup(answers, outcome.lookup, context.data.client, { sub, email: user.email })
      if (content) await raiseSupportTicket(trx, { content, destination: dependencies.ticketDestination ?? 'support_queue' }, dependencies.clock)
    }
    await publishUserEvent(trx, { type: 'UserCreated', user }, dependencies.clock)
  })
}

/**
 * The record questions were asked for an account that exists (records-lookup.ts, startAccountRecordQuestions): what
 * they found goes on that account and the person is signed in to it. A record linked to another account already is the
 * same person's second account, which only the helpdesk can merge: the lookup then ends Pending with that record as
 * the candidate, and a ticket when the service raises them.
 */
async function linkAccountRecord(dependencies: SignInDependencies, context: StepContext, sub: string): Promise<void> {
  let state = context.state
  let changes: Partial<JourneyData> = {}
  if (context.data.lookupUnavailable) ({ state, changes } = await lookUpRecord(dependencies, context.data, state, 'check-answers'))
  const unavailable = changes.lookupUnavailable ?? context.data.lookupUnavailable ?? false
  let status: 'Found' | 'Pending' | 'None' = unavailable ? 'Pending' : trnLookupStatus(state)
  let trn = status === 'Found' && state.lookup?.outcome === 'match' ? state.lookup.trn : null
  const agreedFields = state.lookup?.outcome === 'match' ? state.lookup.agreedFields : undefined
  // What the helpdesk is told the lookup found: the journey's own record of it stays as it was, so its path does too.
  let ticketState = state
  if (trn) {
    if (await trnHeldByAnotherAccount(dependencies.db, trn, sub)) {
      ticketState = { ...state, lookup: { outcome: 'possible', candidates: [{ trn, score: 1, reasons: ['linked to another account'] }] } }
      status = 'Pending'
      trn = null
    }
  }
  const level: TrnVerificationLevel | null = trn ? verificationLevel(agreedFields) : null
  const lookupOutcome = await pendingLookup(dependencies, context.data.client, ticketState, { status, unavailable })
  const access = await accessFor(dependencies.records, context.data.client, trn)
  const { client } = context.data
  const finished = { outcome: 'signed-in' as const, access, ...(lookupOutcome ? { ticketRaised: true } : {}) }
  await context.advance({ ...state, signedInUserId: sub }, { ...changes, finished }, async (trx) => {
    const after = await changeAccountRecord(trx, dependencies, {
      sub,
      client,
      event: 'user_trn_lookup_status_changed',
      reason: `Looked up when signing in to ${client.name}`,
      set: { trn, trn_lookup_status: status, trn_verification_level: level },
      alreadyChanged: (account) => account.trn !== null || account.trn_lookup_status !== null,
    })
    if (!after || !lookupOutcome) return
    const content = ticketFromPendingLookup(ticketState.answers, lookupOutcome, client, { sub, email: after.email })
    if (content) await raiseSupportTicket(trx, { content, destination: dependencies.ticketDestination ?? 'support_queue' }, dependencies.clock)
  })
}
