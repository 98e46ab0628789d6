import type { TicketReason } from '../../support-tickets/ticket-content.ts'
import type { UserRow } from '../../database/schema.ts'
import type { UserDetails } from '../../users/user-details.ts'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' })

/** "12 April 1986" from "1986-04-12", as GOV.UK writes dates. */
export function formatDate(isoDate: string | null | undefined): string {
  return isoDate ? dateFormat.format(new Date(`${isoDate}T00:00:00Z`)) : ''
}

/** "23 November 2026 at 9:05am", in England's time. */
export function formatDateTime(instant: Date): string {
  return `${dateTimeFormat.format(instant)} at ${timeFormat.format(instant).replace(/\s/g, '').toLowerCase()}`
}

export function fullName(person: { firstName?: string | null; middleName?: string | null; lastName?: string | null }): string {
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(' ')
}

/** What the console calls an account: the person's full name, or their address while they have none. */
export function accountName(user: Pick<UserRow, 'given_name' | 'middle_name' | 'family_name' | 'email'>): string {
  return fullName({ firstName: user.given_name, middleName: user.middle_name, lastName: user.family_name }) || user.email
}

export const TICKET_REASON_TEXT: Record<TicketReason, string> = {
  possible_match: 'Possible matches to check',
  stated_trn_not_found: 'Their TRN was not found',
  stated_qts_not_found: 'Said they have QTS, no record found',
  records_unavailable: 'Records could not be checked',
}

export const LOOKUP_STATUS_TEXT: Record<string, string> = {
  Found: 'Found',
  Pending: 'Pending',
  None: 'No TRN',
  Failed: 'Lookup failed',
}

export function lookupStatusText(status: string | null): string {
  return status === null ? 'Not looked up' : (LOOKUP_STATUS_TEXT[status] ?? status)
}

/** An account's details by the names people read, wherever a change to them is shown (confirmations, history). */
export const USER_DETAIL_LABELS: Record<keyof UserDetails, string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  email: 'Email address',
  trn: 'TRN',
  trnLookupStatus: 'Teaching record',
}
