import { z } from 'zod'

/** The name they want us to use, or null (left blank) for their full name. */
export const preferredNameSchema = z.object({
  preferredName: z
    .string()
    .trim()
    .max(100, 'Preferred name must be 100 characters or less')
    .optional()
    .transform((value) => (value ? value : null)),
})
