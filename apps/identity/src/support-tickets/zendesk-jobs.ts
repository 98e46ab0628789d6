// The outbox jobs that send support tickets to Zendesk, exactly once, however often Zendesk fails or a worker dies.
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { exponentialBackoff } from '../../../../packages/kit/src/outbox/backoff.ts'
import { PermanentJobFailure, type JobHandler } from '../../../../packages/kit/src/outbox/worker.ts'
import type { IdentitySchema } from '../database/schema.ts'
import {
  findTicket,
  markSentToZendesk,
  ZENDESK_NOTE_JOB,
  ZENDESK_TICKET_JOB,
  type SupportTicket,
  type ZendeskNoteJob,
  type ZendeskTicketJob,
} from './support-tickets.ts'
import { furtherLookupReference, furtherLookupText, ticketBody, ticketSubject } from './ticket-content.ts'
import { ZendeskRefused, type ZendeskTicketRequest, type ZendeskTickets } from './zendesk-client.ts'

/**
 * 30 s, 1 min, 2 min … then hourly: 175 attempts ride out about a week of Zendesk being down. After that the job is
 * set aside (logged at error level, kept, and put back with `retrySetAsideJobs(db, { type: 'zendesk_ticket' }, clock)`);
 * the ticket stays open in `support_tickets` all along, so nothing is lost.
 */
export const ZENDESK_BACKOFF = exponentialBackoff({ firstMs: 30_000, maxMs: 3_600_000 })
export const ZENDESK_MAX_ATTEMPTS = 175

export type ZendeskJobDependencies = { db: Kysely<IdentitySchema>; zendesk: ZendeskTickets; clock: Clock }

/** Handlers for the kit's outbox worker: `createOutboxWorker({ handlers: { ...zendeskJobHandlers(deps), ... } })`. */
export function zendeskJobHandlers(dependencies: ZendeskJobDependencies): Record<string, JobHandler> {
  return {
    [ZENDESK_TICKET_JOB]: { run: (job) => sendTicket(dependencies, job.payload), backoff: ZENDESK_BACKOFF, maxAttempts: ZENDESK_MAX_ATTEMPTS },
    [ZENDESK_NOTE_JOB]: { run: (job) => addNote(dependencies, job.payload), backoff: ZENDESK_BACKOFF, maxAttempts: ZENDESK_MAX_ATTEMPTS },
  }
}

/**
 * Creates the Zendesk ticket, unless it exists already. The ticket's id is its Zendesk `external_id`, and every attempt
 * looks for it first: an attempt whose create succeeded but whose answer was lost (or whose worker died before saving
 * the Zendesk id) is then not repeated.
 */
async function sendTicket({ db, zendesk, clock }: ZendeskJobDependencies, payload: unknown): Promise<void> {
  const { ticketId } = ticketJob(payload)
  const ticket = await findTicket(db, ticketId)
  if (!ticket) throw new PermanentJobFailure(`support ticket ${ticketId} does not exist`)
  if (ticket.zendeskTicketId !== null) return
  const existing = await zendesk.findByExternalId(ticket.id)
  if (existing) return markSentToZendesk(db, ticket.id, existing.id, clock)
  // Settled (a TRN assigned some other way) before Zendesk could be reached: nothing is left for an agent to do.
  if (ticket.status === 'closed') return
  const created = await refusedIsPermanent(() => zendesk.create(zendeskTicket(ticket), { externalId: ticket.id }))
  await markSentToZendesk(db, ticket.id, created.id, clock)
}

/** Adds a later lookup to the Zendesk ticket as a note, unless it is there already (in a note, or in the description). */
async function addNote({ db, zendesk }: ZendeskJobDependencies, payload: unknown): Promise<void> {
  const { ticketId, lookup } = noteJob(payload)
  const ticket = await findTicket(db, ticketId)
  if (!ticket) throw new PermanentJobFailure(`support ticket ${ticketId} does not exist`)
  const further = ticket.furtherLookups[lookup - 1]
  if (!further) throw new PermanentJobFailure(`support ticket ${ticketId} has no later lookup ${lookup}`)
  if (ticket.zendeskTicketId === null) {
    if (ticket.status === 'closed') return
    // The ticket itself has not reached Zendesk yet; when it does, its description includes this lookup.
    throw new Error('the ticket has not reached Zendesk yet')
  }
  const zendeskTicketId = ticket.zendeskTicketId
  const reference = furtherLookupReference(ticket.id, lookup)
  const comments = await zendesk.commentsOf(zendeskTicketId)
  if (comments.some((comment) => comment.includes(reference))) return
  await refusedIsPermanent(() => zendesk.addNote(zendeskTicketId, furtherLookupText(further, lookup, ticket.id)))
}

/** What Zendesk is sent: the person as requester, the agent's text as a private note, tags for views and triggers. */
export function zendeskTicket(ticket: SupportTicket): ZendeskTicketRequest {
  const { person } = ticket.snapshot
  return {
    subject: ticketSubject(ticket.snapshot),
    body: ticketBody(ticket.snapshot, ticket.furtherLookups, ticket.id),
    requester: { name: [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email, email: person.email },
    tags: ['get_an_identity', 'trn_lookup', ticket.reason],
  }
}

async function refusedIsPermanent<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    if (error instanceof ZendeskRefused) throw new PermanentJobFailure(error.message, { cause: error })
    throw error
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function ticketJob(payload: unknown): ZendeskTicketJob {
  const ticketId = (payload as { ticketId?: unknown } | null)?.ticketId
  if (typeof ticketId !== 'string' || !UUID.test(ticketId)) throw new PermanentJobFailure('the job does not name a support ticket')
  return { ticketId }
}

function noteJob(payload: unknown): ZendeskNoteJob {
  const { ticketId } = ticketJob(payload)
  const lookup = (payload as { lookup?: unknown }).lookup
  if (typeof lookup !== 'number' || !Number.isInteger(lookup) || lookup < 1) throw new PermanentJobFailure('the job does not name a later lookup')
  return { ticketId, lookup }
}
