// Support tickets as stored: raising one for a Pending lookup (with its Zendesk job, when Zendesk is configured), the
// built-in support queue's reads, and closing one (with the job that solves it in Zendesk).
import { isDeepStrictEqual } from 'node:util'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { enqueueJob } from '../../../../packages/kit/src/outbox/jobs.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEvent, type IdentityEvent, type TicketEventType } from '../events/record-event.ts'
import { ticketsDb, type SupportTicketsTable, type TicketDestination, type TicketOutcome, type TicketStatus } from './schema.ts'
import type { FurtherLookup, TicketContent, TicketReason, TicketSnapshot } from './ticket-content.ts'
import type { ZendeskSettings } from './zendesk-settings.ts'

export const ZENDESK_TICKET_JOB = 'zendesk_ticket'
export const ZENDESK_NOTE_JOB = 'zendesk_ticket_note'
export const ZENDESK_SOLVE_JOB = 'zendesk_ticket_solve'

/** Job payloads hold ids only: the personal details stay in the ticket row. */
export type ZendeskTicketJob = { ticketId: string }
export type ZendeskNoteJob = { ticketId: string; lookup: number }

export type SupportTicket = {
  id: string
  userSub: string
  clientId: string
  destination: TicketDestination
  status: TicketStatus
  reason: TicketReason
  snapshot: TicketSnapshot
  furtherLookups: FurtherLookup[]
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
  closedBy: string | null
  outcome: TicketOutcome | null
  assignedTrn: string | null
  zendeskTicketId: number | null
  sentToZendeskAt: Date | null
}

/** Zendesk when it is configured, otherwise the built-in support queue. */
export function ticketDestination(zendesk: ZendeskSettings | undefined): TicketDestination {
  return zendesk ? 'zendesk' : 'support_queue'
}

export type RaisedTicket = {
  ticket: SupportTicket
  /** `raised`: a new ticket; `added`: the lookup was added to the person's open ticket; `unchanged`: it had it already. */
  outcome: 'raised' | 'added' | 'unchanged'
}

/**
 * Raises the ticket inside the caller's transaction (the one that records the Pending lookup), so it exists exactly
 * when the lookup does; with Zendesk, the job that sends it is queued in the same transaction. A person has at most one
 * open ticket: a later Pending lookup with something new is added to it (and, in Zendesk, becomes a note on it).
 */
export async function raiseSupportTicket(
  trx: Kysely<IdentitySchema>,
  input: { content: TicketContent; destination: TicketDestination },
  clock: Clock,
): Promise<RaisedTicket> {
  const db = ticketsDb(trx)
  const { snapshot } = input.content
  const now = clock.now()
  const inserted = await db
    .insertInto('support_tickets')
    .values({
      user_sub: snapshot.userSub,
      client_id: snapshot.client.clientId,
      destination: input.destination,
      reason: input.content.reason,
      snapshot: JSON.stringify(snapshot),
      created_at: now,
      updated_at: now,
    })
    // A literal predicate: PostgreSQL matches it to the partial unique index when planning, which a parameter defeats.
    .onConflict((conflict) => conflict.column('user_sub').where(sql<boolean>`status = 'open'`).doNothing())
    .returningAll()
    .executeTakeFirst()

  if (inserted) {
    const ticket = toTicket(inserted)
    await recordTicketEvent(trx, {
      type: 'support_ticket_raised',
      actor: 'system',
      userSub: ticket.userSub,
      clientId: ticket.clientId,
      occurredAt: now,
      details: { ticketId: ticket.id, reason: ticket.reason, destination: ticket.destination },
    })
    if (ticket.destination === 'zendesk') await enqueueJob(trx, { type: ZENDESK_TICKET_JOB, payload: { ticketId: ticket.id } satisfies ZendeskTicketJob }, clock)
    return { ticket, outcome: 'raised' }
  }

  const open = await db.selectFrom('support_tickets').selectAll().where('user_sub', '=', snapshot.userSub).where('status', '=', 'open').forUpdate().executeTakeFirstOrThrow()
  const ticket = toTicket(open)
  const known = [ticket.snapshot, ...ticket.furtherLookups.map((lookup) => lookup.snapshot)]
  if (known.some((seen) => sameLookup(seen, snapshot))) return { ticket, outcome: 'unchanged' }

  const further: FurtherLookup = { raisedAt: now.toISOString(), snapshot }
  const updated = await db
    .updateTable('support_tickets')
    .set({ further_lookups: sql`further_lookups || jsonb_build_array(${JSON.stringify(further)}::jsonb)`, updated_at: now })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  const added = toTicket(updated)
  const lookup = added.furtherLookups.length
  await recordTicketEvent(trx, {
    type: 'support_ticket_added_to',
    actor: 'system',
    userSub: added.userSub,
    clientId: snapshot.client.clientId,
    occurredAt: now,
    details: { ticketId: added.id, reason: snapshot.reason, lookup },
  })
  if (added.destination === 'zendesk') await enqueueJob(trx, { type: ZENDESK_NOTE_JOB, payload: { ticketId: added.id, lookup } satisfies ZendeskNoteJob }, clock)
  return { ticket: added, outcome: 'added' }
}

// jsonb reorders keys, so the stored snapshot is compared by value, not as text.
function sameLookup(a: TicketSnapshot, b: TicketSnapshot): boolean {
  return isDeepStrictEqual(a, b)
}

/** The built-in support queue: open tickets, oldest first. */
export async function openTickets(db: Kysely<IdentitySchema>, page: { limit?: number; offset?: number } = {}): Promise<SupportTicket[]> {
  const rows = await ticketsDb(db)
    .selectFrom('support_tickets')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit ?? 100)
    .offset(page.offset ?? 0)
    .execute()
  return rows.map(toTicket)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function findTicket(db: Kysely<IdentitySchema>, id: string): Promise<SupportTicket | undefined> {
  if (typeof id !== 'string' || !UUID.test(id)) return undefined
  const row = await ticketsDb(db).selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toTicket(row) : undefined
}

/** The person's open ticket, which assigning them a TRN closes. */
export async function findOpenTicketForUser(db: Kysely<IdentitySchema>, userSub: string): Promise<SupportTicket | undefined> {
  if (typeof userSub !== 'string' || !UUID.test(userSub)) return undefined
  const row = await ticketsDb(db).selectFrom('support_tickets').selectAll().where('user_sub', '=', userSub).where('status', '=', 'open').executeTakeFirst()
  return row ? toTicket(row) : undefined
}

export type CloseTicket = {
  /** Who closed it: `user:<sub>` for a support agent, `client:<id>` for a client service, `cli`, `system`. */
  by: string
  outcome: TicketOutcome
  /** The TRN assigned; required with `trn_assigned`, refused otherwise. */
  trn?: string
}

export type ClosedTicket = { closed: true; ticket: SupportTicket } | { closed: false; problem: 'not_found' | 'already_closed' }

/**
 * Closes a ticket as part of assigning the person's TRN (or deciding they have none), in the transaction that makes
 * that change, and records who did it. Closing one already closed changes nothing: two agents at once, one wins. With
 * Zendesk, the job that solves the Zendesk ticket is queued in the same transaction.
 */
export async function closeTicket(trx: Kysely<IdentitySchema>, id: string, close: CloseTicket, clock: Clock): Promise<ClosedTicket> {
  if (close.outcome === 'trn_assigned' ? !/^\d{7}$/.test(close.trn ?? '') : close.trn !== undefined) {
    throw new TypeError('a TRN (7 digits) is given when, and only when, the outcome is trn_assigned')
  }
  if (!close.by) throw new TypeError('who closes the ticket is required')
  const existing = await findTicket(trx, id)
  if (!existing) return { closed: false, problem: 'not_found' }
  const now = clock.now()
  const row = await ticketsDb(trx)
    .updateTable('support_tickets')
    .set({ status: 'closed', closed_at: now, closed_by: close.by, outcome: close.outcome, assigned_trn: close.trn ?? null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst()
  if (!row) return { closed: false, problem: 'already_closed' }
  const ticket = toTicket(row)
  await recordTicketEvent(trx, {
    type: 'support_ticket_closed',
    actor: close.by,
    userSub: ticket.userSub,
    clientId: ticket.clientId,
    occurredAt: now,
    details: {
      ticketId: ticket.id,
      before: { status: 'open' },
      after: { status: 'closed', outcome: ticket.outcome, assignedTrn: ticket.assignedTrn },
    },
  })
  if (ticket.destination === 'zendesk') await enqueueJob(trx, { type: ZENDESK_SOLVE_JOB, payload: { ticketId: ticket.id } satisfies ZendeskTicketJob }, clock)
  return { closed: true, ticket }
}

/** Records that the ticket reached Zendesk; only the first answer counts (a late duplicate run changes nothing). */
export async function markSentToZendesk(db: Kysely<IdentitySchema>, id: string, zendeskTicketId: number, clock: Clock): Promise<void> {
  await ticketsDb(db)
    .updateTable('support_tickets')
    .set({ zendesk_ticket_id: zendeskTicketId, sent_to_zendesk_at: clock.now() })
    .where('id', '=', id)
    .where('zendesk_ticket_id', 'is', null)
    .execute()
}

// The support tickets' own events (see the README).
async function recordTicketEvent(trx: Kysely<IdentitySchema>, event: IdentityEvent & { type: TicketEventType }): Promise<void> {
  await recordEvent(trx, event)
}

function toTicket(row: Selectable<SupportTicketsTable>): SupportTicket {
  return {
    id: row.id,
    userSub: row.user_sub,
    clientId: row.client_id,
    destination: row.destination,
    status: row.status,
    reason: row.reason,
    snapshot: row.snapshot,
    furtherLookups: row.further_lookups,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    outcome: row.outcome,
    assignedTrn: row.assigned_trn,
    zendeskTicketId: row.zendesk_ticket_id === null ? null : Number(row.zendesk_ticket_id),
    sentToZendeskAt: row.sent_to_zendesk_at,
  }
}

/**
 * Moves an open ticket to another account of the same person (their accounts were merged), in the merge's transaction.
 * The ticket keeps what the person told us and its Zendesk ticket; the account it now belongs to must have no open
 * ticket of its own (the unique index refuses a second).
 */
export async function moveOpenTicket(trx: Kysely<IdentitySchema>, move: { ticketId: string; from: string; to: string; by: string }, clock: Clock): Promise<SupportTicket | undefined> {
  const now = clock.now()
  const row = await ticketsDb(trx)
    .updateTable('support_tickets')
    .set({ user_sub: move.to, updated_at: now })
    .where('id', '=', move.ticketId)
    .where('user_sub', '=', move.from)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst()
  if (!row) return undefined
  const ticket = toTicket(row)
  await recordTicketEvent(trx, {
    type: 'support_ticket_moved',
    actor: move.by,
    userSub: move.to,
    clientId: ticket.clientId,
    occurredAt: now,
    details: { ticketId: ticket.id, fromUserId: move.from },
  })
  return ticket
}
