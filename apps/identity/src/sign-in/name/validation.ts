import { z } from 'zod'

// The records service takes names of up to 100 characters, so a longer one could never be matched.
const MAX = 100

const requiredName = (label: string) =>
  z
    .string({ error: `Enter your ${label}` })
    .trim()
    .min(1, `Enter your ${label}`)
    .max(MAX, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${MAX} characters or less`)

export const nameSchema = z.object({
  firstName: requiredName('first name'),
  middleName: z
    .string()
    .trim()
    .max(MAX, `Middle names must be ${MAX} characters or less`)
    .optional()
    .transform((value) => (value ? value : null)),
  lastName: requiredName('last name'),
})
