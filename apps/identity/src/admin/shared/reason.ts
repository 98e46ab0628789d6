import { z } from 'zod'

export const MAX_REASON_LENGTH = 1000

/** Every change to someone's account says why; the reason goes into its event. */
export const reasonField = z
  .string({ error: 'Enter why you are making this change' })
  .trim()
  .min(1, 'Enter why you are making this change')
  .max(MAX_REASON_LENGTH, `The reason must be ${MAX_REASON_LENGTH} characters or less`)

/** A confirmation page's button: the form must say it is the confirmation, so an empty post confirms nothing. */
export const confirmedField = z.literal('yes', { error: 'Confirm the change' })
