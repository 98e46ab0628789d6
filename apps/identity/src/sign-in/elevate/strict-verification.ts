import type { MatchAnswer } from '../../teaching-records/records-client.ts'

/**
 * The strict match policy's test of a lookup (reference: date of birth + TRN + NI number, or date of birth + TRN + first
 * and last names when the record has no NI number; the TRN and date of birth are always needed). The matcher names a
 * reason for every NI number it compared, so a match with none means the record has no NI number to compare.
 */
export function verifiesStrictly(answer: MatchAnswer, statedTrn: string): boolean {
  if (answer.outcome !== 'match' || answer.trn !== statedTrn) return false
  const agreed = new Set(answer.agreedFields)
  if (!agreed.has('dateOfBirth') || !agreed.has('trn')) return false
  if (agreed.has('nationalInsuranceNumber')) return true
  const recordHasNoNiNumber = !(answer.reasons ?? []).some((reason) => reason.startsWith('national_insurance_number_'))
  return recordHasNoNiNumber && agreed.has('firstName') && agreed.has('lastName')
}
