import { z } from 'zod'

// Pasted addresses can carry soft hyphens and zero-width characters that no one can see (reference issue #555).
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

export const emailSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .transform((value) => value.replace(INVISIBLE, '').trim())
    .pipe(
      z
        .string()
        .min(1, 'Enter your email address')
        .max(254, 'Email address must be 254 characters or less')
        .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
    ),
})
