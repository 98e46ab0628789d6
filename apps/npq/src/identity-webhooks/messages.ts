import { z } from 'zod'
import { TRN_LOOKUP_STATUSES } from '../database/schema.ts'

/**
 * The identity service's webhook messages, as this service reads them. Objects are not strict: a field the
 * identity service adds later must not make every message bounce.
 */

export const KNOWN_MESSAGE_TYPES = ['UserCreated', 'UserUpdated', 'UserMerged', 'Ping'] as const
export type KnownMessageType = (typeof KNOWN_MESSAGE_TYPES)[number]

export const isKnownMessageType = (type: string): type is KnownMessageType => (KNOWN_MESSAGE_TYPES as readonly string[]).includes(type)

const custom = (code: string) => ({ params: { code } })

const sub = z.string().trim().min(1).max(255)
const name = z.string().trim().max(200)

export const envelopeSchema = z.object({
  notificationId: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => /^[A-Za-z0-9._:-]+$/.test(value), { message: 'notificationId may contain only letters, digits and . _ : -', ...custom('invalid_notification_id') }),
  timeUtc: z.iso.datetime({ offset: true, error: 'timeUtc must be an ISO 8601 date and time with a time zone' }),
  // A type we do not know yet is stored and acknowledged, so the sender does not retry it for hours.
  messageType: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => /^[A-Za-z][A-Za-z0-9]*$/.test(value), { message: 'messageType must be a name such as UserUpdated', ...custom('invalid_message_type') }),
  message: z.unknown(),
})
export type Envelope = z.output<typeof envelopeSchema>

const identityUserFields = {
  emailAddress: z
    .string()
    .trim()
    .min(3)
    .max(254)
    .refine((value) => /^[^@\s]+@[^@\s]+$/.test(value), { message: 'emailAddress must be an email address', ...custom('invalid_email') }),
  firstName: name.nullish(),
  middleName: name.nullish(),
  lastName: name.nullish(),
  preferredName: name.nullish(),
  dateOfBirth: z.iso.date({ error: 'dateOfBirth must be a date as YYYY-MM-DD' }).nullish(),
  trn: z
    .string()
    .refine((value) => /^[0-9]{7}$/.test(value), { message: 'trn must be 7 digits', ...custom('invalid_trn') })
    .nullish(),
  trnLookupStatus: z.enum(TRN_LOOKUP_STATUSES).nullish(),
}

export const identityUserSchema = z.object({ userId: sub, ...identityUserFields })
export type IdentityUser = z.output<typeof identityUserSchema>

/** Only the fields that changed are present; a present null means the value was removed. */
export const userChangesSchema = z.object(identityUserFields).partial()
export type UserChanges = z.output<typeof userChangesSchema>

export const userCreatedSchema = z.object({ user: identityUserSchema })
export const userUpdatedSchema = z.object({ user: identityUserSchema, changes: userChangesSchema })
export type UserUpdatedMessage = z.output<typeof userUpdatedSchema>

/** The ids are identity `sub`s: the account that goes away (merged) and the one the person keeps (master). */
export const userMergedSchema = z
  .object({ masterUserId: sub, mergedUserId: sub })
  .refine((merge) => merge.masterUserId !== merge.mergedUserId, { message: 'masterUserId and mergedUserId must differ', path: ['mergedUserId'], ...custom('same_user') })
export type UserMergedMessage = z.output<typeof userMergedSchema>

export const MESSAGE_SCHEMAS: Record<KnownMessageType, z.ZodType> = {
  UserCreated: userCreatedSchema,
  UserUpdated: userUpdatedSchema,
  UserMerged: userMergedSchema,
  Ping: z.unknown(),
}
