import { z } from 'zod'

export const ittProviderSchema = z.object({
  ittProvider: z
    .string({ error: 'Enter where you trained to teach' })
    .trim()
    .min(1, 'Enter where you trained to teach')
    .max(200, 'Where you trained must be 200 characters or less'),
})
