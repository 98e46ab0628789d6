// The outbox jobs that send support tickets to Zendesk, and solve them there once closed, exactly once, however often
// Zendesk fails or a worker dies.
import { sql, type Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { exponentialBackoff } from '../../../../packages/kit/src/outbox/backoff.ts'
import { outboxDb } from '../../../../packages/kit/src/outbox/jobs.ts'
import type { JobStatus } from '../../../../packages/kit/src/outbox/schema.ts'
import { PermanentJobFailure, type JobHandler } from '../../../../packages/kit/src/outbox/worker.ts'
import type { IdentitySchema } from '../database/schema.ts'
import {
  findTicket,
  markSentToZendesk,
  ZENDESK_NOTE_JOB,
  ZENDESK_SOLVE_JOB,
  ZENDESK_TICKET_JOB,
  type SupportTicket,
  type ZendeskNoteJob,
  type ZendeskTicketJob,
} from './support-tickets.ts'
import { closingNoteText, closingReference, furtherLookupReference, furtherLookupText, ticketBody, ticketSubject, type TicketClosure } from './ticket-content.ts'
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
    [ZENDESK_SOLVE_JOB]: { run: (job) => solveTicket(dependencies, job.payload), backoff: ZENDESK_BACKOFF, maxAttempts: ZENDESK_MAX_ATTEMPTS },
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

/**
 * Solves the Zendesk ticket of a ticket closed here, with a note saying how it was closed, unless that note is there
 * already (the same update set the status, so the note shows it was solved). A ticket that never reached Zendesk has
 * nothing to solve.
 */
async function solveTicket(dependencies: ZendeskJobDependencies, payload: unknown): Promise<void> {
  const { ticketId } = ticketJob(payload)
  const ticket = await findTicket(dependencies.db, ticketId)
  if (!ticket) throw new PermanentJobFailure(`support ticket ${ticketId} does not exist`)
  const closure = closureOf(ticket)
  const zendeskTicketId = ticket.zendeskTicketId ?? (await sentTicketId(dependencies, ticketId))
  if (zendeskTicketId === null) return
  const comments = await dependencies.zendesk.commentsOf(zendeskTicketId)
  if (comments.some((comment) => comment.includes(closingReference(ticketId)))) return
  await refusedIsPermanent(() => dependencies.zendesk.solve(zendeskTicketId, closingNoteText(closure)))
}

/**
 * The Zendesk id of a closed ticket whose id we have not saved, or null when it never reached Zendesk and never will.
 * Only the create job sends a ticket, and it sends none it finds closed; so once it has finished, what it saved is the
 * answer. While it has not, an attempt of it that saw the ticket open may be creating it right now: Zendesk is asked
 * (the create may also have happened with its answer lost), and if the ticket is not there yet this job tries again.
 */
async function sentTicketId({ db, zendesk, clock }: ZendeskJobDependencies, ticketId: string): Promise<number | null> {
  const sending = await createJobStatus(db, ticketId)
  // Read after the job's status: a create job that has finished saved any Zendesk id before it was marked done.
  const saved = (await findTicket(db, ticketId))?.zendeskTicketId ?? null
  if (saved !== null || sending === 'done') return saved
  const existing = await zendesk.findByExternalId(ticketId)
  if (existing) {
    await markSentToZendesk(db, ticketId, existing.id, clock)
    return existing.id
  }
  if (sending === 'pending') throw new Error('the ticket may still reach Zendesk: its create job has not finished')
  // Set aside: should it be retried, it finds the ticket closed and sends nothing.
  return null
}

/** Where the ticket's create job stands; a finished job is deleted after a while, so no job counts as done. */
async function createJobStatus(db: Kysely<IdentitySchema>, ticketId: string): Promise<JobStatus> {
  const job = await outboxDb(db)
    .selectFrom('outbox_jobs')
    .select('status')
    .where('type', '=', ZENDESK_TICKET_JOB)
    .where(sql<string>`payload->>'ticketId'`, '=', ticketId)
    .executeTakeFirst()
  return job?.status ?? 'done'
}

function closureOf(ticket: SupportTicket): TicketClosure {
  const { id, status, outcome, closedBy, closedAt, assignedTrn } = ticket
  if (status !== 'closed' || !outcome || !closedBy || !closedAt) throw new PermanentJobFailure(`support ticket ${id} is not closed`)
  return { ticketId: id, outcome, closedBy, closedAt, assignedTrn }
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
