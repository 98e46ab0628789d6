import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { PermanentJobFailure } from '../../../../packages/kit/src/outbox/worker.ts'
import type { z } from 'zod'
import type { Application, NpqSchema, User } from '../database/schema.ts'
import { envelopeSchema, userMergedSchema, userUpdatedSchema, type UserMergedMessage, type UserUpdatedMessage } from './messages.ts'
import { webhookDb, type WebhookSchema } from './store.ts'

// ---------------------------------------------------------------------------------------------------------------
// The decisions, free of SQL: what a message changes, given what we hold.
// ---------------------------------------------------------------------------------------------------------------

type DetailColumn = 'email' | 'full_name' | 'preferred_name' | 'date_of_birth' | 'trn' | 'trn_lookup_status' | 'trn_verified'
export type UserDetails = Pick<User, DetailColumn>
export type KnownUser = Pick<User, 'id' | 'identity_updated_at' | DetailColumn>
export type FieldChange = { from: unknown; to: unknown }

export type UserUpdateDecision =
  | { apply: false; outcome: 'ignored_unknown_user' | 'ignored_stale' }
  | {
      apply: true
      outcome: 'updated' | 'no_change'
      /** Only the columns whose value differs from ours. */
      set: Partial<UserDetails>
      changes: Partial<Record<DetailColumn, FieldChange>>
      /** Changes we could not keep, and why (our columns are narrower than the identity service's). */
      notApplied: Array<{ field: string; reason: string }>
    }

const MAX_FULL_NAME_LENGTH = 400

/**
 * A `UserUpdated` message for someone who has signed in here: the fields it says changed are taken, unless we
 * already hold newer details (a later message, or a sign-in after the change), in which case it is ignored whole.
 */
export function decideUserUpdate(user: KnownUser | undefined, message: UserUpdatedMessage, timeUtc: Date): UserUpdateDecision {
  // Someone who never signed in here has nothing to update; their first sign-in brings their details.
  if (!user) return { apply: false, outcome: 'ignored_unknown_user' }
  if (timeUtc.getTime() < user.identity_updated_at.getTime()) return { apply: false, outcome: 'ignored_stale' }

  const { changes } = message
  const next: Partial<UserDetails> = {}
  const notApplied: Array<{ field: string; reason: string }> = []

  if (changes.emailAddress !== undefined) next.email = changes.emailAddress
  if (changes.firstName !== undefined || changes.middleName !== undefined || changes.lastName !== undefined) {
    // We keep one full name, so an unchanged part comes from the user as the message describes them.
    const part = (field: 'firstName' | 'middleName' | 'lastName') => (changes[field] !== undefined ? changes[field] : message.user[field])
    const fullName = [part('firstName'), part('middleName'), part('lastName')]
      .map((value) => value?.trim())
      .filter(Boolean)
      .join(' ')
    if (fullName.length === 0) notApplied.push({ field: 'full_name', reason: 'empty' })
    else if (fullName.length > MAX_FULL_NAME_LENGTH) notApplied.push({ field: 'full_name', reason: 'too_long' })
    else next.full_name = fullName
  }
  if (changes.preferredName !== undefined) next.preferred_name = changes.preferredName?.trim() || null
  if (changes.dateOfBirth !== undefined) next.date_of_birth = changes.dateOfBirth
  if (changes.trn !== undefined) next.trn = changes.trn
  if (changes.trnLookupStatus !== undefined) {
    if (changes.trnLookupStatus === null) notApplied.push({ field: 'trn_lookup_status', reason: 'empty' })
    else next.trn_lookup_status = changes.trnLookupStatus
  }
  const trn = next.trn !== undefined ? next.trn : user.trn
  const status = next.trn_lookup_status ?? user.trn_lookup_status
  // Only a TRN the identity service says it found is one we rely on.
  next.trn_verified = trn !== null && status === 'Found'

  const set: Partial<UserDetails> = {}
  const differences: Partial<Record<DetailColumn, FieldChange>> = {}
  for (const column of Object.keys(next) as DetailColumn[]) {
    if (next[column] === user[column]) continue
    Object.assign(set, { [column]: next[column] })
    differences[column] = { from: user[column], to: next[column] }
  }
  return { apply: true, outcome: Object.keys(set).length > 0 ? 'updated' : 'no_change', set, changes: differences, notApplied }
}

export type MovableApplication = Pick<Application, 'id' | 'course_identifier' | 'cohort_identifier' | 'lead_provider_approval_status'>
export type MergeAccount = {
  id: string
  applications: MovableApplication[]
  draft: { version: number; updated_at: Date } | null
}

export type DraftPlan = 'none' | 'move' | 'keep_master' | 'replace_master'

export type MergeDecision =
  | { kind: 'ignore'; outcome: 'ignored_unknown_users' | 'ignored_merged_user_unknown' | 'ignored_same_account' }
  | { kind: 'adopt_sub'; outcome: 'master_sub_adopted' }
  | { kind: 'merge'; outcome: 'merged'; moveApplicationIds: string[]; keepApplicationIds: string[]; draft: DraftPlan }

const pendingKey = (application: MovableApplication) => `${application.course_identifier}\u0000${application.cohort_identifier}`

/**
 * A `UserMerged` message: the person keeps the master account and loses the merged one.
 *
 * - Neither account has signed in here: nothing to do.
 * - Only the master has: nothing of the merged account is here to move.
 * - Only the merged one has: that row becomes the master account here by taking the master's `sub`, so the person's
 *   next sign-in (as the master) finds their registrations. Its details are refreshed at that sign-in.
 * - Both have: the merged account's applications and draft move to the master, and the merged row points at the
 *   master (`merged_into_user_id`).
 *
 * One pending application per person, course and cohort (a unique index): if both accounts have a pending
 * application for the same course and cohort, the merged account's one stays where it is, still pointing at the
 * master through `merged_into_user_id`, and is listed in the outcome. Each has been sent to a lead provider who may
 * already be acting on it; which one to withdraw is a decision for the person, the provider or support, not for a
 * webhook, and rejecting one here would change a registration silently. Accepted and rejected applications always move.
 *
 * Drafts (one per person): if both accounts have one, the more recently saved is kept (the master's on a tie),
 * because it is the person's latest intention; the other is discarded. The kept draft's version rises past both,
 * so a form open on either cannot save over it with an old version.
 */
export function decideUserMerge(master: MergeAccount | undefined, merged: MergeAccount | undefined): MergeDecision {
  if (!merged) return { kind: 'ignore', outcome: master ? 'ignored_merged_user_unknown' : 'ignored_unknown_users' }
  if (!master) return { kind: 'adopt_sub', outcome: 'master_sub_adopted' }
  if (master.id === merged.id) return { kind: 'ignore', outcome: 'ignored_same_account' }

  const mastersPending = new Set(master.applications.filter((application) => application.lead_provider_approval_status === 'pending').map(pendingKey))
  const moveApplicationIds: string[] = []
  const keepApplicationIds: string[] = []
  for (const application of merged.applications) {
    const clashes = application.lead_provider_approval_status === 'pending' && mastersPending.has(pendingKey(application))
    ;(clashes ? keepApplicationIds : moveApplicationIds).push(application.id)
  }

  let draft: DraftPlan = 'none'
  if (merged.draft && !master.draft) draft = 'move'
  else if (merged.draft && master.draft) draft = merged.draft.updated_at.getTime() > master.draft.updated_at.getTime() ? 'replace_master' : 'keep_master'

  return { kind: 'merge', outcome: 'merged', moveApplicationIds, keepApplicationIds, draft }
}

// ---------------------------------------------------------------------------------------------------------------
// Applying a stored message.
// ---------------------------------------------------------------------------------------------------------------

type Outcome = { outcome: string; detail: Record<string, unknown> | null }

export type ApplyResult = Outcome & { alreadyProcessed: boolean }

/**
 * Applies a stored message in one transaction and marks it processed. A message already processed is left alone,
 * so running this again (the outbox delivers at least once) changes nothing more.
 */
export async function applyIdentityMessage(db: Kysely<NpqSchema> | Kysely<WebhookSchema>, messageId: number, clock: Clock): Promise<ApplyResult> {
  return webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const message = await trx.selectFrom('identity_webhook_messages').selectAll().where('id', '=', messageId).forUpdate().executeTakeFirst()
      if (!message) throw new PermanentJobFailure(`There is no identity webhook message ${messageId}`)
      if (message.processed_at) return { outcome: message.outcome ?? '', detail: message.outcome_detail, alreadyProcessed: true }

      const result = await applyByType(trx, message.message_type, message.body, message.time_utc, clock)
      await trx
        .updateTable('identity_webhook_messages')
        .set({ processed_at: clock.now(), outcome: result.outcome, outcome_detail: result.detail ? JSON.stringify(result.detail) : null, last_error: null })
        .where('id', '=', messageId)
        .execute()
      return { ...result, alreadyProcessed: false }
    })
}

/** Kept outside the transaction that failed, so the message shows why it is waiting. */
export async function recordApplyError(db: Kysely<NpqSchema> | Kysely<WebhookSchema>, messageId: number, error: unknown): Promise<void> {
  const text = error instanceof Error ? error.message : String(error)
  await webhookDb(db)
    .updateTable('identity_webhook_messages')
    .set({ last_error: text.slice(0, 2000) })
    .where('id', '=', messageId)
    .where('processed_at', 'is', null)
    .execute()
}

function parseStored<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input)
  // Stored messages were validated on receipt; failing now means the rules changed since, which a retry cannot fix.
  if (!result.success) throw new PermanentJobFailure(`The stored ${what} no longer passes validation`)
  return result.data
}

async function applyByType(trx: Transaction<WebhookSchema>, messageType: string, body: unknown, timeUtc: Date, clock: Clock): Promise<Outcome> {
  const envelope = parseStored(envelopeSchema, body, 'envelope')
  switch (messageType) {
    case 'UserUpdated':
      return applyUserUpdated(trx, parseStored(userUpdatedSchema, envelope.message, 'UserUpdated message'), timeUtc, clock)
    case 'UserMerged':
      return applyUserMerged(trx, parseStored(userMergedSchema, envelope.message, 'UserMerged message'), clock)
    default:
      // UserCreated: people are created here when they first sign in. Ping and unknown types carry nothing to apply.
      return { outcome: 'not_applied', detail: null }
  }
}

async function applyUserUpdated(trx: Transaction<WebhookSchema>, message: UserUpdatedMessage, timeUtc: Date, clock: Clock): Promise<Outcome> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'identity_updated_at', 'email', 'full_name', 'preferred_name', 'date_of_birth', 'trn', 'trn_lookup_status', 'trn_verified'])
    .where('sub', '=', message.user.userId)
    .forUpdate()
    .executeTakeFirst()
  const decision = decideUserUpdate(user, message, timeUtc)
  if (!decision.apply || !user) return { outcome: decision.outcome, detail: user ? { userId: user.id } : null }
  await trx
    .updateTable('users')
    .set({ ...decision.set, identity_updated_at: timeUtc, updated_at: clock.now() })
    .where('id', '=', user.id)
    .execute()
  return {
    outcome: decision.outcome,
    detail: { userId: user.id, changes: decision.changes, ...(decision.notApplied.length > 0 ? { notApplied: decision.notApplied } : {}) },
  }
}

type UserLink = { id: string; sub: string; merged_into_user_id: string | null }

async function applyUserMerged(trx: Transaction<WebhookSchema>, message: UserMergedMessage, clock: Clock): Promise<Outcome> {
  // Locked in id order, the same order any other merge locks them in.
  const rows: UserLink[] = await trx
    .selectFrom('users')
    .select(['id', 'sub', 'merged_into_user_id'])
    .where('sub', 'in', [message.masterUserId, message.mergedUserId])
    .orderBy('id')
    .forUpdate()
    .execute()
  const mergedUser = rows.find((row) => row.sub === message.mergedUserId)
  let masterUser = rows.find((row) => row.sub === message.masterUserId)
  // A master that was itself merged away (messages arriving out of order) hands on to the account it went to.
  const seen = new Set<string>()
  while (masterUser?.merged_into_user_id && masterUser.merged_into_user_id !== mergedUser?.id && !seen.has(masterUser.id)) {
    seen.add(masterUser.id)
    const next: UserLink | undefined = await trx.selectFrom('users').select(['id', 'sub', 'merged_into_user_id']).where('id', '=', masterUser.merged_into_user_id).forUpdate().executeTakeFirst()
    if (!next) break
    masterUser = next
  }

  const decision = decideUserMerge(masterUser && (await mergeAccount(trx, masterUser.id)), mergedUser && (await mergeAccount(trx, mergedUser.id)))
  const now = clock.now()
  switch (decision.kind) {
    case 'ignore':
      return { outcome: decision.outcome, detail: null }
    case 'adopt_sub':
      if (!mergedUser) throw new Error('unreachable: adopting a sub needs the merged account')
      await trx.updateTable('users').set({ sub: message.masterUserId, updated_at: now }).where('id', '=', mergedUser.id).execute()
      return { outcome: decision.outcome, detail: { userId: mergedUser.id } }
    case 'merge': {
      if (!mergedUser || !masterUser) throw new Error('unreachable: merging needs both accounts')
      if (decision.moveApplicationIds.length > 0) {
        await trx.updateTable('applications').set({ user_id: masterUser.id, updated_at: now }).where('id', 'in', decision.moveApplicationIds).execute()
      }
      await moveDraft(trx, decision.draft, masterUser.id, mergedUser.id, now)
      await trx.updateTable('users').set({ merged_into_user_id: masterUser.id, updated_at: now }).where('id', '=', mergedUser.id).execute()
      // Merged the other way round earlier (out of order): the master is the live account now.
      await trx.updateTable('users').set({ merged_into_user_id: null, updated_at: now }).where('id', '=', masterUser.id).where('merged_into_user_id', '=', mergedUser.id).execute()
      return {
        outcome: decision.outcome,
        detail: {
          masterUserId: masterUser.id,
          mergedUserId: mergedUser.id,
          movedApplicationIds: decision.moveApplicationIds,
          applicationsLeftOnMergedAccount: decision.keepApplicationIds,
          draft: decision.draft,
        },
      }
    }
  }
}

async function mergeAccount(trx: Transaction<WebhookSchema>, userId: string): Promise<MergeAccount> {
  const applications = await trx
    .selectFrom('applications')
    .select(['id', 'course_identifier', 'cohort_identifier', 'lead_provider_approval_status'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .forUpdate()
    .execute()
  const draft = await trx.selectFrom('registration_drafts').select(['version', 'updated_at']).where('user_id', '=', userId).forUpdate().executeTakeFirst()
  return { id: userId, applications, draft: draft ?? null }
}

async function moveDraft(trx: Transaction<WebhookSchema>, plan: DraftPlan, masterId: string, mergedId: string, now: Date): Promise<void> {
  if (plan === 'none') return
  if (plan === 'keep_master') {
    await trx.deleteFrom('registration_drafts').where('user_id', '=', mergedId).execute()
    return
  }
  let version = 0
  if (plan === 'replace_master') {
    const replaced = await trx.deleteFrom('registration_drafts').where('user_id', '=', masterId).returning('version').executeTakeFirst()
    version = replaced?.version ?? 0
  }
  await trx
    .updateTable('registration_drafts')
    .set((eb) => ({ user_id: masterId, version: eb(eb.fn<number>('greatest', [eb.ref('version'), eb.val(version)]), '+', 1), updated_at: now }))
    .where('user_id', '=', mergedId)
    .execute()
}
