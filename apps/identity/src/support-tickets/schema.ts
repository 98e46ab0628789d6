import type { ColumnType, Generated, Kysely } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'
import type { FurtherLookup, TicketReason, TicketSnapshot } from './ticket-content.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export type TicketDestination = 'zendesk' | 'support_queue'
export type TicketStatus = 'open' | 'closed'
// `merged` (the account was merged into another) is allowed by migration 0007's check constraint.
export const TICKET_OUTCOMES = ['trn_assigned', 'no_trn', 'not_needed', 'merged'] as const
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number]

/** migrations/0005_support_tickets.sql */
export type SupportTicketsTable = {
  id: Generated<string>
  user_sub: string
  client_id: string
  destination: TicketDestination
  status: ColumnType<TicketStatus, TicketStatus | undefined, TicketStatus>
  reason: TicketReason
  snapshot: Json<TicketSnapshot>
  further_lookups: ColumnType<FurtherLookup[], string | undefined, string>
  created_at: Timestamp
  updated_at: Timestamp
  closed_at: NullableTimestamp
  closed_by: string | null
  outcome: TicketOutcome | null
  assigned_trn: string | null
  zendesk_ticket_id: number | null
  sent_to_zendesk_at: NullableTimestamp
}

export type SupportTicketsSchema = IdentitySchema & { support_tickets: SupportTicketsTable }

/** The identity database seen with the support tickets table (until the service's schema type lists it). */
export function ticketsDb(db: Kysely<IdentitySchema>): Kysely<SupportTicketsSchema> {
  return db as unknown as Kysely<SupportTicketsSchema>
}
