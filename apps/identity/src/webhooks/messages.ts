import type { TrnLookupStatus, TrnMatchPolicy, UserRow } from '../database/schema.ts'
import { trnAsSeenBy } from '../users/claims.ts'
import type { WebhookMessageType } from './schema.ts'

/** A person as client services receive them in `UserCreated` and `UserUpdated` (the contract of the service we replace). */
export type WebhookUser = {
  userId: string
  emailAddress: string
  firstName: string | null
  middleName: string | null
  lastName: string | null
  preferredName: string | null
  /** YYYY-MM-DD. */
  dateOfBirth: string | null
  trn: string | null
  mobileNumber: string | null
  trnLookupStatus: TrnLookupStatus | null
}

/** Only the fields that changed, with their new values; a null means the value was removed. */
export type UserChanges = Partial<Omit<WebhookUser, 'userId'>>

export type UserCreatedMessage = { user: WebhookUser }
export type UserUpdatedMessage = { user: WebhookUser; changes: UserChanges }
/** `masterUserId` is the account the person keeps, `mergedUserId` the one that goes (both `sub`s). */
export type UserMergedMessage = { masterUserId: string; mergedUserId: string }

export type WebhookMessages = {
  UserCreated: UserCreatedMessage
  UserUpdated: UserUpdatedMessage
  UserMerged: UserMergedMessage
}

export type WebhookEnvelope<Type extends WebhookMessageType = WebhookMessageType> = {
  notificationId: string
  timeUtc: string
  messageType: Type
  message: WebhookMessages[Type]
}

export type UserPayloadSource = Pick<
  UserRow,
  'sub' | 'email' | 'given_name' | 'middle_name' | 'family_name' | 'preferred_name' | 'birthdate' | 'trn' | 'trn_lookup_status' | 'trn_verification_level'
>

/** The fields `changedFields` compares: every field of the user but its id. */
export const CHANGEABLE_FIELDS = [
  'emailAddress',
  'firstName',
  'middleName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'trn',
  'mobileNumber',
  'trnLookupStatus',
] as const satisfies ReadonlyArray<keyof UserChanges>

/** The person as a subscriber whose client has this match policy may see them: the TRN as in its claims. */
export function userPayload(user: UserPayloadSource, policy: TrnMatchPolicy = 'default'): WebhookUser {
  const { trn, trnLookupStatus } = trnAsSeenBy(user, policy)
  return {
    userId: user.sub,
    emailAddress: user.email,
    firstName: user.given_name,
    middleName: user.middle_name,
    lastName: user.family_name,
    preferredName: user.preferred_name,
    dateOfBirth: user.birthdate,
    trn,
    // We do not ask for mobile numbers; the field stays in the contract clients already read.
    mobileNumber: null,
    trnLookupStatus,
  }
}

/** The fields of `after` that differ from `before`, with their new values; empty when nothing a client sees changed. */
export function changedFields(before: WebhookUser, after: WebhookUser): UserChanges {
  if (before.userId !== after.userId) throw new Error('changedFields compares two states of the same user')
  const changes: Record<string, unknown> = {}
  for (const field of CHANGEABLE_FIELDS) {
    if (before[field] !== after[field]) changes[field] = after[field]
  }
  return changes as UserChanges
}

/**
 * The envelope and the exact text sent. Serialised once, when the change is published, so every subscriber and every
 * retry receives the same bytes.
 */
export function buildEnvelope<Type extends WebhookMessageType>(
  messageType: Type,
  message: WebhookMessages[Type],
  options: { notificationId: string; time: Date },
): { envelope: WebhookEnvelope<Type>; body: string } {
  const envelope: WebhookEnvelope<Type> = { notificationId: options.notificationId, timeUtc: options.time.toISOString(), messageType, message }
  return { envelope, body: JSON.stringify(envelope) }
}
