import { z } from 'zod'

// As the reference service: any characters around the seven digits are ignored ("TRN: 12-34-567" is fine).
export const trnSchema = z.object({
  trn: z
    .string({ error: 'Enter your TRN' })
    .transform((value) => value.replace(/\D/g, ''))
    .pipe(z.string().min(1, 'Enter your TRN').length(7, 'Your TRN must be 7 digits')),
})
