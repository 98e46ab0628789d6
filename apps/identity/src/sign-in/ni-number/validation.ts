import { z } from 'zod'
import { isValidNationalInsuranceNumber, normaliseNationalInsuranceNumber } from '../../../../records/src/matching/identifiers.ts'

// The records service's own rules, so a number we accept is one its matcher takes.
export const niNumberSchema = z.object({
  nationalInsuranceNumber: z
    .string({ error: 'Enter your National Insurance number' })
    .transform(normaliseNationalInsuranceNumber)
    .pipe(
      z
        .string()
        .min(1, 'Enter your National Insurance number')
        .refine(isValidNationalInsuranceNumber, 'Enter a National Insurance number in the correct format, like QQ 12 34 56 C'),
    ),
})
