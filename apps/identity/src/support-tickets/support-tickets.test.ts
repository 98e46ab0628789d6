import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema } from '../database/schema.ts'
import { createUser } from '../users/users.ts'
import { ticketsDb } from './schema.ts'
import {
  closeTicket,
  findOpenTicketForUser,
  findTicket,
  openTickets,
  raiseSupportTicket,
  ticketDestination,
  ZENDESK_NOTE_JOB,
  ZENDESK_SOLVE_JOB,
  ZENDESK_TICKET_JOB,
} from './support-tickets.ts'
import { ticketFromPendingLookup, type LookupOutcome, type PendingLookupAnswers, type TicketContent } from './ticket-content.ts'

const npq = { clientId: 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: false }
const answers: PendingLookupAnswers = { firstName: 'Jo', lastName: 'Bloggs', dateOfBirth: '1993-01-08', hasNationalInsuranceNumber: false, hasTrn: true, trn: '1234567', hasQts: false }
const notFound: LookupOutcome = { status: 'Pending', matcher: 'none' }

describe('support tickets', () => {
  let database: TestDatabase<IdentitySchema>
  const clock = fixedClock('2026-11-23T09:00:00Z')
  let people = 0

  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
  })
  after(() => database.drop())
  beforeEach(() => clock.set('2026-11-23T09:00:00Z'))

  async function person(): Promise<{ sub: string; email: string }> {
    people++
    const user = await createUser(database.db, { email: `person${people}@school.example`, email_verified: true, given_name: 'Jo', family_name: 'Bloggs', trn_lookup_status: 'Pending' }, clock.now())
    return { sub: user.sub, email: user.email }
  }

  function contentFor(user: { sub: string; email: string }, lookup = notFound, forAnswers = answers, client = npq): TicketContent {
    const content = ticketFromPendingLookup(forAnswers, lookup, client, user)
    assert.ok(content)
    return content
  }

  const raise = (content: TicketContent, destination: 'zendesk' | 'support_queue' = 'support_queue') =>
    database.db.transaction().execute((trx) => raiseSupportTicket(trx, { content, destination }, clock))

  const jobsFor = async (ticketId: string) =>
    (await database.db.selectFrom('outbox_jobs').select(['type', 'payload']).execute()).filter((job) => (job.payload as { ticketId?: string }).ticketId === ticketId)
  const eventsFor = (userSub: string) => database.db.selectFrom('events').selectAll().where('user_sub', '=', userSub).orderBy('id').execute()

  it('goes to the built-in queue when Zendesk is not configured, and to Zendesk when it is', () => {
    assert.equal(ticketDestination(undefined), 'support_queue')
    assert.equal(ticketDestination({ subdomain: 'dfe', user: 'agent@education.gov.uk', token: 't' }), 'zendesk')
  })

  it('raises a ticket in the caller’s transaction, with an event, and no Zendesk job for the built-in queue', async () => {
    const user = await person()
    const { ticket, outcome } = await raise(contentFor(user))
    assert.equal(outcome, 'raised')
    assert.equal(ticket.status, 'open')
    assert.equal(ticket.reason, 'stated_trn_not_found')
    assert.equal(ticket.destination, 'support_queue')
    assert.equal(ticket.userSub, user.sub)
    assert.equal(ticket.clientId, 'register-for-an-npq')
    assert.equal(ticket.snapshot.person.statedTrn, '1234567')
    assert.deepEqual(ticket.furtherLookups, [])
    assert.deepEqual(await findTicket(database.db, ticket.id), ticket)
    assert.deepEqual(await jobsFor(ticket.id), [])
    const events = await eventsFor(user.sub)
    assert.deepEqual(
      events.map((event) => [event.event_type, event.actor, event.client_id, event.details]),
      [['support_ticket_raised', 'system', 'register-for-an-npq', { ticketId: ticket.id, reason: 'stated_trn_not_found', destination: 'support_queue' }]],
    )
  })

  it('queues one Zendesk job, holding only the ticket id, when Zendesk is configured', async () => {
    const user = await person()
    const { ticket } = await raise(contentFor(user), 'zendesk')
    assert.deepEqual(await jobsFor(ticket.id), [{ type: ZENDESK_TICKET_JOB, payload: { ticketId: ticket.id } }])
  })

  it('leaves nothing behind when the lookup’s transaction rolls back', async () => {
    const user = await person()
    const countJobs = async () => (await database.db.selectFrom('outbox_jobs').select('id').execute()).length
    const jobsBefore = await countJobs()
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await raiseSupportTicket(trx, { content: contentFor(user), destination: 'zendesk' }, clock)
        throw new Error('creating the account failed')
      }),
    )
    assert.equal(await findOpenTicketForUser(database.db, user.sub), undefined)
    assert.deepEqual(await eventsFor(user.sub), [])
    assert.equal(await countJobs(), jobsBefore)
  })

  it('keeps one open ticket per person: the same lookup again changes nothing, a different one is added to it', async () => {
    const user = await person()
    const first = await raise(contentFor(user), 'zendesk')

    clock.advance(60_000)
    const again = await raise(contentFor(user), 'zendesk')
    assert.equal(again.outcome, 'unchanged')
    assert.equal(again.ticket.id, first.ticket.id)
    assert.deepEqual(again.ticket.furtherLookups, [])

    clock.advance(60_000)
    const otherService = { clientId: 'teacher-pensions', name: 'Teacher pensions', trnRequired: true }
    const possible: LookupOutcome = { status: 'Pending', matcher: 'possible', candidates: [{ trn: '1000101', score: 80, reasons: ['last_name_exact'], record: null }] }
    const added = await raise(contentFor(user, possible, answers, otherService), 'zendesk')
    assert.equal(added.outcome, 'added')
    assert.equal(added.ticket.id, first.ticket.id)
    assert.equal(added.ticket.reason, 'stated_trn_not_found', 'the ticket keeps its first reason')
    assert.equal(added.ticket.furtherLookups.length, 1)
    assert.equal(added.ticket.furtherLookups[0]?.raisedAt, '2026-11-23T09:02:00.000Z')
    assert.equal(added.ticket.furtherLookups[0]?.snapshot.client.clientId, 'teacher-pensions')
    assert.equal(added.ticket.furtherLookups[0]?.snapshot.candidates[0]?.trn, '1000101')

    const open = await ticketsDb(database.db).selectFrom('support_tickets').select('id').where('user_sub', '=', user.sub).where('status', '=', 'open').execute()
    assert.equal(open.length, 1)
    assert.deepEqual(await jobsFor(first.ticket.id), [
      { type: ZENDESK_TICKET_JOB, payload: { ticketId: first.ticket.id } },
      { type: ZENDESK_NOTE_JOB, payload: { ticketId: first.ticket.id, lookup: 1 } },
    ])
    assert.deepEqual(
      (await eventsFor(user.sub)).map((event) => event.event_type),
      ['support_ticket_raised', 'support_ticket_added_to'],
    )
  })

  it('raises one ticket when two Pending lookups for the same person race', async () => {
    const user = await person()
    const results = await Promise.all([raise(contentFor(user)), raise(contentFor(user, { status: 'Pending', matcher: 'unavailable' }))])
    assert.deepEqual(results.map((result) => result.outcome).sort(), ['added', 'raised'])
    assert.equal(results[0]?.ticket.id, results[1]?.ticket.id)
    const rows = await ticketsDb(database.db).selectFrom('support_tickets').select('id').where('user_sub', '=', user.sub).execute()
    assert.equal(rows.length, 1)
  })

  it('lists open tickets oldest first, leaving closed ones out', async () => {
    await ticketsDb(database.db).deleteFrom('support_tickets').execute()
    const [a, b, c] = [await person(), await person(), await person()]
    clock.set('2026-11-23T10:00:00Z')
    const second = await raise(contentFor(b))
    clock.set('2026-11-23T08:00:00Z')
    const first = await raise(contentFor(a))
    clock.set('2026-11-23T12:00:00Z')
    const third = await raise(contentFor(c))
    assert.deepEqual((await openTickets(database.db)).map((ticket) => ticket.id), [first.ticket.id, second.ticket.id, third.ticket.id])
    assert.deepEqual((await openTickets(database.db, { limit: 1, offset: 1 })).map((ticket) => ticket.id), [second.ticket.id])

    await database.db.transaction().execute((trx) => closeTicket(trx, first.ticket.id, { by: 'user:agent', outcome: 'no_trn' }, clock))
    assert.deepEqual((await openTickets(database.db)).map((ticket) => ticket.id), [second.ticket.id, third.ticket.id])
  })

  it('closes a ticket as part of assigning the TRN, recording who, when and the outcome', async () => {
    const user = await person()
    const { ticket } = await raise(contentFor(user))
    clock.set('2026-11-25T15:30:00Z')
    const agent = 'user:0b8f3a54-2f0c-4a58-9d7e-5e1c2a3b4c5d'
    const result = await database.db.transaction().execute((trx) => closeTicket(trx, ticket.id, { by: agent, outcome: 'trn_assigned', trn: '1234567' }, clock))
    assert.ok(result.closed)
    assert.equal(result.ticket.status, 'closed')
    assert.equal(result.ticket.outcome, 'trn_assigned')
    assert.equal(result.ticket.assignedTrn, '1234567')
    assert.equal(result.ticket.closedBy, agent)
    assert.equal(result.ticket.closedAt?.toISOString(), '2026-11-25T15:30:00.000Z')
    assert.equal(await findOpenTicketForUser(database.db, user.sub), undefined)

    const closed = (await eventsFor(user.sub)).at(-1)
    assert.equal(closed?.event_type, 'support_ticket_closed')
    assert.equal(closed?.actor, agent)
    assert.equal(closed?.occurred_at.toISOString(), '2026-11-25T15:30:00.000Z')
    assert.deepEqual(closed?.details, { ticketId: ticket.id, before: { status: 'open' }, after: { status: 'closed', outcome: 'trn_assigned', assignedTrn: '1234567' } })

    // A second agent closing it at the same time changes nothing and records nothing.
    const twice = await database.db.transaction().execute((trx) => closeTicket(trx, ticket.id, { by: 'user:someone-else', outcome: 'no_trn' }, clock))
    assert.deepEqual(twice, { closed: false, problem: 'already_closed' })
    assert.equal((await findTicket(database.db, ticket.id))?.outcome, 'trn_assigned')
    assert.equal((await eventsFor(user.sub)).filter((event) => event.event_type === 'support_ticket_closed').length, 1)

    // The next Pending lookup for them opens a new ticket.
    const next = await raise(contentFor(user))
    assert.equal(next.outcome, 'raised')
    assert.notEqual(next.ticket.id, ticket.id)
  })

  it('queues the job that solves the Zendesk ticket when closing, in the same transaction; none for the built-in queue', async () => {
    const close = (id: string) => database.db.transaction().execute((trx) => closeTicket(trx, id, { by: 'cli', outcome: 'not_needed' }, clock))
    const inZendesk = (await raise(contentFor(await person()), 'zendesk')).ticket
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await closeTicket(trx, inZendesk.id, { by: 'cli', outcome: 'no_trn' }, clock)
        throw new Error('recording that they have no TRN failed')
      }),
    )
    assert.deepEqual(await jobsFor(inZendesk.id), [{ type: ZENDESK_TICKET_JOB, payload: { ticketId: inZendesk.id } }], 'nothing queued when the close rolls back')

    assert.ok((await close(inZendesk.id)).closed)
    assert.deepEqual(await close(inZendesk.id), { closed: false, problem: 'already_closed' })
    assert.deepEqual(await jobsFor(inZendesk.id), [
      { type: ZENDESK_TICKET_JOB, payload: { ticketId: inZendesk.id } },
      { type: ZENDESK_SOLVE_JOB, payload: { ticketId: inZendesk.id } },
    ])

    const inQueue = (await raise(contentFor(await person()))).ticket
    assert.ok((await close(inQueue.id)).closed)
    assert.deepEqual(await jobsFor(inQueue.id), [])
  })

  it('refuses to close a ticket that does not exist, or with a TRN that does not fit the outcome, changing nothing', async () => {
    const user = await person()
    const { ticket } = await raise(contentFor(user))
    const close = (id: string, how: Parameters<typeof closeTicket>[2]) => database.db.transaction().execute((trx) => closeTicket(trx, id, how, clock))
    assert.deepEqual(await close('not-a-uuid', { by: 'cli', outcome: 'no_trn' }), { closed: false, problem: 'not_found' })
    assert.deepEqual(await close('3f1d0c1e-0000-4000-8000-000000000000', { by: 'cli', outcome: 'no_trn' }), { closed: false, problem: 'not_found' })
    await assert.rejects(close(ticket.id, { by: 'cli', outcome: 'trn_assigned' }), TypeError)
    await assert.rejects(close(ticket.id, { by: 'cli', outcome: 'trn_assigned', trn: '123' }), TypeError)
    await assert.rejects(close(ticket.id, { by: 'cli', outcome: 'no_trn', trn: '1234567' }), TypeError)
    await assert.rejects(close(ticket.id, { by: '', outcome: 'no_trn' }), TypeError)
    assert.equal((await findTicket(database.db, ticket.id))?.status, 'open')
    assert.equal(await findTicket(database.db, 'garbage'), undefined)
    assert.equal(await findOpenTicketForUser(database.db, 'garbage'), undefined)
  })

  it('is guarded by the database too: a second open ticket for a person is refused', async () => {
    const user = await person()
    const { ticket } = await raise(contentFor(user))
    await assert.rejects(
      ticketsDb(database.db)
        .insertInto('support_tickets')
        .values({ user_sub: user.sub, client_id: 'x', destination: 'support_queue', reason: 'possible_match', snapshot: JSON.stringify(ticket.snapshot), created_at: clock.now(), updated_at: clock.now() })
        .execute(),
      /support_tickets_one_open_per_user|duplicate key/,
    )
  })
})
