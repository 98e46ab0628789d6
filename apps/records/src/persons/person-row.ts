import type { NewPerson, Sex, StoredPreviousName } from '../database/schema.ts'
import { emailKey, nameKeysForRecord, surnameKeys } from '../matching/blocking.ts'

export type PersonDetailsToStore = {
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  previousNames: StoredPreviousName[]
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  email: string | null
  sex: Sex | null
  qtsDate?: string | null
  eytsDate?: string | null
  inductionStatus?: NewPerson['induction_status']
}

/** The row to store for a person, with the matching keys derived from their names, so they can never drift apart. */
export function personRow(details: PersonDetailsToStore): NewPerson {
  const previousNames = details.previousNames.map(({ firstName, middleName, lastName }) => ({ firstName, middleName, lastName }))
  return {
    trn: details.trn,
    first_name: details.firstName,
    middle_name: details.middleName,
    last_name: details.lastName,
    previous_names: JSON.stringify(details.previousNames),
    date_of_birth: details.dateOfBirth,
    national_insurance_number: details.nationalInsuranceNumber,
    email: details.email,
    sex: details.sex,
    qts_date: details.qtsDate ?? null,
    eyts_date: details.eytsDate ?? null,
    ...(details.inductionStatus ? { induction_status: details.inductionStatus } : {}),
    email_key: details.email ? emailKey(details.email) : null,
    name_keys: nameKeysForRecord({
      trn: details.trn,
      firstName: details.firstName,
      middleName: details.middleName,
      lastName: details.lastName,
      previousNames,
      dateOfBirth: details.dateOfBirth,
      nationalInsuranceNumber: details.nationalInsuranceNumber,
      email: details.email,
    }),
    last_name_keys: surnameKeys([details.lastName, ...previousNames.map((name) => name.lastName)]),
  }
}
