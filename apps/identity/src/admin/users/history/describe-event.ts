// An event about a person, as a support agent reads it on the history page: who, what, when, what changed. Pure.
import { formatDate, formatDateTime, lookupStatusText, TICKET_REASON_TEXT, USER_DETAIL_LABELS } from '../../shared/format.ts'

export type StoredEvent = {
  id: number
  eventType: string
  actor: string
  userSub: string | null
  clientId: string | null
  occurredAt: Date
  details: Record<string, unknown>
}

export type DescribedEvent = {
  id: number
  when: string
  who: string
  what: string
  service: string | null
  reason: string | null
  changes: Array<{ label: string; before: string; after: string }>
}

const WHAT: Record<string, string> = {
  user_registered: 'Created their account',
  user_signed_in: 'Signed in',
  user_email_changed: 'Changed their email address',
  consent_granted: 'Allowed a service to see their details',
  user_trn_assigned: 'TRN assigned',
  user_trn_lookup_status_changed: 'Teaching record status changed',
  user_trn_verified: 'TRN verified with their NI number',
  user_details_corrected: 'Details corrected',
  support_ticket_raised: 'Support request raised',
  support_ticket_added_to: 'Another lookup added to their support request',
  support_ticket_closed: 'Support request closed',
  support_ticket_moved: 'Support request moved here from a merged account',
}

// Merges name the other account, which the history page cannot show as a before → after change.
const WHAT_WITH_DETAILS: Record<string, (details: Record<string, unknown>) => string | undefined> = {
  user_merged: (details) => (typeof details.mergedEmail === 'string' ? `Account ${details.mergedEmail} merged into this one` : undefined),
  user_merged_into: (details) => (typeof details.keptEmail === 'string' ? `Merged into account ${details.keptEmail}` : undefined),
}

const FIELD_LABELS: Record<string, string> = {
  ...USER_DETAIL_LABELS,
  // A support request's own fields.
  status: 'Status',
  outcome: 'Outcome',
  assignedTrn: 'TRN assigned',
}

const OUTCOMES: Record<string, string> = { trn_assigned: 'TRN assigned', no_trn: 'No TRN', not_needed: 'Not needed', merged: 'Account merged' }

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)'
  if (field === 'dateOfBirth' && typeof value === 'string') return formatDate(value)
  if (field === 'trnLookupStatus' && typeof value === 'string') return lookupStatusText(value)
  if (field === 'outcome' && typeof value === 'string') return OUTCOMES[value] ?? value
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

/** Who acted, in words: a member of staff by the address they had, the person themselves, a service, or the system. */
export function describeActor(event: Pick<StoredEvent, 'actor' | 'userSub' | 'details'>, staffEmails: ReadonlyMap<string, string>): string {
  const [kind, id = ''] = event.actor.split(/:(.*)/s)
  switch (kind) {
    case 'staff': {
      const recorded = asRecord(event.details.staff).email
      return `${typeof recorded === 'string' ? recorded : (staffEmails.get(id) ?? 'A member of staff')} (staff)`
    }
    case 'user':
      return id === event.userSub ? 'The person' : `Another account (${id})`
    case 'client':
      return `Service ${id}`
    case 'cli':
      return 'An operator, from the command line'
    case 'seed':
      return 'Demo data'
    default:
      return 'The service'
  }
}

export function describeEvent(event: StoredEvent, staffEmails: ReadonlyMap<string, string>): DescribedEvent {
  const before = asRecord(event.details.before)
  const after = asRecord(event.details.after)
  // In a fixed order: the database keeps JSON objects with their keys sorted its own way.
  const order = Object.keys(FIELD_LABELS)
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length)
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const reason = event.details.reason
  return {
    id: event.id,
    when: formatDateTime(event.occurredAt),
    who: describeActor(event, staffEmails),
    what: WHAT_WITH_DETAILS[event.eventType]?.(event.details) ?? WHAT[event.eventType] ?? event.eventType.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()),
    service: event.clientId,
    // A support request's reason is a code; a person's change gives theirs in words.
    reason: typeof reason === 'string' ? ((TICKET_REASON_TEXT as Record<string, string>)[reason] ?? reason) : null,
    changes: fields.map((field) => ({ label: FIELD_LABELS[field] ?? field, before: shown(field, before[field]), after: shown(field, after[field]) })),
  }
}
