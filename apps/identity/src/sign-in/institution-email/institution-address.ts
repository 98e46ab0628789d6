/**
 * The parts before the @ of addresses that belong to a role or an office rather than a person (reference: `head`,
 * `info`, `office`, `admin`, `enquiries`, `school`, `bursar`, `hr`, ...). Whoever reads such a mailbox next could sign in
 * with the codes sent to it, so someone registering with one is asked whether they want to use another.
 */
const SHARED_MAILBOXES = new Set([
  'accounts',
  'admin',
  'admissions',
  'bursar',
  'enquiries',
  'enquiry',
  'finance',
  'head',
  'headteacher',
  'hr',
  'info',
  'office',
  'reception',
  'school',
  'schooloffice',
  'secretary',
  'staff',
])

/** Whether `email` looks like a shared or role mailbox: its local part (ignoring dots, dashes and case) is one above. */
export function isInstitutionAddress(email: string): boolean {
  const at = email.lastIndexOf('@')
  if (at <= 0 || at === email.length - 1) return false
  const local = email.slice(0, at).toLowerCase().replace(/[.\-_]/g, '')
  return SHARED_MAILBOXES.has(local)
}
