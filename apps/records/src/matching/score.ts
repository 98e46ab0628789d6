// The 0–100 score (for ranking and for people), the reason codes and the agreed fields of a comparison.
import type { Comparison, EmailLevel, FirstNameLevel, IdentifierLevel } from './compare.ts'
import type { PreparedQuery } from './compare.ts'
import type { DateOfBirthLevel } from './dates.ts'
import type { LastNameLevel, MiddleNameLevel } from './names.ts'

const FIRST_NAME_POINTS: Readonly<Record<FirstNameLevel, number>> = {
  exact: 15, previous: 13, nickname: 12, typo: 9, middle: 8, initial: 4, different: 0,
}
const MIDDLE_NAME_POINTS: Readonly<Record<MiddleNameLevel, number>> = {
  agrees: 4, typo: 3, initial: 2, missing: 0, different: -4,
}
const LAST_NAME_POINTS: Readonly<Record<LastNameLevel, number>> = {
  exact: 15, previous: 14, stated_previous: 14, part: 9, typo: 9, different: 0,
}
const DATE_OF_BIRTH_POINTS: Readonly<Record<DateOfBirthLevel, number>> = {
  exact: 25, swapped: 15, one_digit: 14, transposed: 14, different: 0, missing: 0,
}
const NINO_POINTS: Readonly<Record<IdentifierLevel, number>> = {
  exact: 25, one_digit: 10, one_letter: 10, transposed: 10, different: -10, missing: 0,
}
const TRN_POINTS: Readonly<Record<IdentifierLevel, number>> = {
  exact: 20, one_digit: 6, one_letter: 6, transposed: 6, different: 0, missing: 0,
}
const EMAIL_POINTS: Readonly<Record<EmailLevel, number>> = { exact: 8, different: 0, missing: 0 }

/** Points earned out of the points the query could earn, so a record agreeing with everything stated scores 100. */
export function scoreComparison(c: Comparison, query: PreparedQuery): number {
  let available = FIRST_NAME_POINTS.exact + LAST_NAME_POINTS.exact + DATE_OF_BIRTH_POINTS.exact
  let earned = FIRST_NAME_POINTS[c.firstName] + LAST_NAME_POINTS[c.lastName] + DATE_OF_BIRTH_POINTS[c.dateOfBirth]
  if (query.middleNames.length > 0) {
    available += MIDDLE_NAME_POINTS.agrees
    earned += MIDDLE_NAME_POINTS[c.middleName]
  }
  if (query.nationalInsuranceNumber !== null) {
    available += NINO_POINTS.exact
    earned += NINO_POINTS[c.nationalInsuranceNumber]
  }
  if (query.trn !== null) {
    available += TRN_POINTS.exact
    earned += TRN_POINTS[c.trn]
  }
  if (query.email !== null) {
    available += EMAIL_POINTS.exact
    earned += EMAIL_POINTS[c.email]
  }
  return Math.min(100, Math.max(0, Math.round((100 * earned) / available)))
}

const FIRST_NAME_REASONS: Readonly<Record<FirstNameLevel, string>> = {
  exact: 'first_name_exact',
  previous: 'first_name_previous',
  nickname: 'first_name_nickname',
  typo: 'first_name_typo',
  middle: 'first_name_matches_middle_name',
  initial: 'first_name_initial',
  different: 'first_name_different',
}
const MIDDLE_NAME_REASONS: Readonly<Record<MiddleNameLevel, string | null>> = {
  agrees: 'middle_name_matches',
  typo: 'middle_name_typo',
  initial: 'middle_name_initial',
  missing: null,
  different: 'middle_name_different',
}
const LAST_NAME_REASONS: Readonly<Record<LastNameLevel, string>> = {
  exact: 'last_name_exact',
  previous: 'last_name_previous',
  stated_previous: 'last_name_stated_previous',
  part: 'last_name_part',
  typo: 'last_name_typo',
  different: 'last_name_different',
}
const DATE_OF_BIRTH_REASONS: Readonly<Record<DateOfBirthLevel, string>> = {
  exact: 'date_of_birth_exact',
  swapped: 'date_of_birth_day_month_swapped',
  one_digit: 'date_of_birth_one_digit_different',
  transposed: 'date_of_birth_digits_transposed',
  different: 'date_of_birth_different',
  missing: 'date_of_birth_not_on_record',
}
const NINO_REASONS: Readonly<Record<IdentifierLevel, string | null>> = {
  exact: 'national_insurance_number_matches',
  one_digit: 'national_insurance_number_one_digit_different',
  one_letter: 'national_insurance_number_one_letter_different',
  transposed: 'national_insurance_number_digits_transposed',
  different: 'national_insurance_number_different',
  missing: null,
}
const TRN_REASONS: Readonly<Record<IdentifierLevel, string | null>> = {
  exact: 'trn_stated_matches',
  one_digit: 'trn_stated_one_digit_different',
  one_letter: 'trn_stated_one_digit_different',
  transposed: 'trn_stated_digits_transposed',
  different: 'trn_stated_different',
  missing: null,
}
const EMAIL_REASONS: Readonly<Record<EmailLevel, string | null>> = {
  exact: 'email_matches',
  different: 'email_different',
  missing: null,
}

/** Stable snake_case codes, one per compared field, in a fixed order. */
export function comparisonReasons(c: Comparison): string[] {
  const reasons = [
    FIRST_NAME_REASONS[c.firstName],
    MIDDLE_NAME_REASONS[c.middleName],
    LAST_NAME_REASONS[c.lastName],
    DATE_OF_BIRTH_REASONS[c.dateOfBirth],
    NINO_REASONS[c.nationalInsuranceNumber],
    TRN_REASONS[c.trn],
    EMAIL_REASONS[c.email],
  ]
  return reasons.filter((reason) => reason !== null)
}

/** Fields that agree outright (nicknames and previous names count; typos and near dates do not). */
export function agreedFields(c: Comparison): string[] {
  const fields: string[] = []
  if (c.firstName === 'exact' || c.firstName === 'previous' || c.firstName === 'nickname') fields.push('firstName')
  if (c.middleName === 'agrees') fields.push('middleName')
  if (c.lastName === 'exact' || c.lastName === 'previous' || c.lastName === 'stated_previous') fields.push('lastName')
  if (c.dateOfBirth === 'exact') fields.push('dateOfBirth')
  if (c.nationalInsuranceNumber === 'exact') fields.push('nationalInsuranceNumber')
  if (c.trn === 'exact') fields.push('trn')
  if (c.email === 'exact') fields.push('email')
  return fields
}
