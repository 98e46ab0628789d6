import type { TrnLookupStatus, UserRow } from '../database/schema.ts'

// What an account's history and the events about it show of a person: the fields by the names people read, and only
// those a change touched (the console, the API and the sign-in journey all record changes this way).

/** The fields events and the history page show, by the names people read. */
export type UserDetails = {
  firstName: string | null
  middleName: string | null
  lastName: string | null
  preferredName: string | null
  dateOfBirth: string | null
  email: string
  trn: string | null
  trnLookupStatus: TrnLookupStatus | null
}

export function detailsOf(user: UserRow): UserDetails {
  return {
    firstName: user.given_name,
    middleName: user.middle_name,
    lastName: user.family_name,
    preferredName: user.preferred_name,
    dateOfBirth: user.birthdate,
    email: user.email,
    trn: user.trn,
    trnLookupStatus: user.trn_lookup_status,
  }
}

/** Only the fields that differ, before and after. */
export function differences(before: UserDetails, after: UserDetails): { before: Partial<UserDetails>; after: Partial<UserDetails> } {
  const changed = (Object.keys(after) as Array<keyof UserDetails>).filter((field) => before[field] !== after[field])
  return {
    before: Object.fromEntries(changed.map((field) => [field, before[field]])),
    after: Object.fromEntries(changed.map((field) => [field, after[field]])),
  }
}
