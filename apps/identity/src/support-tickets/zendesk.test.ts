// Fault tests: tickets reach Zendesk exactly once through the outbox, and are solved there exactly once when closed here,
// whether Zendesk refuses connections, answers 503 or 429, loses its answer after the work was done, or the worker dies
// half way; and nothing is lost when Zendesk is not configured at all. Zendesk is a fake HTTP server speaking the parts of its API node-zendesk calls.
import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { retrySetAsideJobs } from '../../../../packages/kit/src/outbox/jobs.ts'
import { createOutboxWorker, type OutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { IDENTITY_MIGRATIONS, type IdentitySchema } from '../database/schema.ts'
import { createUser } from '../users/users.ts'
import { startFakeZendesk, type FakeZendesk } from './fake-zendesk.ts'
import { ticketsDb } from './schema.ts'
import { closeTicket, findTicket, openTickets, raiseSupportTicket, ticketDestination, ZENDESK_NOTE_JOB, ZENDESK_SOLVE_JOB, ZENDESK_TICKET_JOB, type CloseTicket } from './support-tickets.ts'
import { closingReference, furtherLookupReference, ticketFromPendingLookup, type LookupOutcome, type PendingLookupAnswers } from './ticket-content.ts'
import { createZendeskTickets, type ZendeskTickets } from './zendesk-client.ts'
import { ZENDESK_MAX_ATTEMPTS, zendeskJobHandlers } from './zendesk-jobs.ts'
import { loadZendeskSettings, type ZendeskSettings } from './zendesk-settings.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const LEASE = 10 * MINUTE
const logger = createLogger({ name: 'zendesk-test', level: 'silent' })
const settings: ZendeskSettings = loadZendeskSettings({
  IDENTITY_ZENDESK_SUBDOMAIN: 'dfe-test',
  IDENTITY_ZENDESK_USER: 'identity-api@education.gov.uk',
  IDENTITY_ZENDESK_TOKEN: 'zendesk-test-token',
}) as ZendeskSettings

const npq = { clientId: 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: true }
const answers: PendingLookupAnswers = { firstName: 'Sam', lastName: 'Okafor', dateOfBirth: '1988-06-30', hasNationalInsuranceNumber: false, hasTrn: false, hasQts: true, ittProvider: null }
const possible: LookupOutcome = {
  status: 'Pending',
  matcher: 'possible',
  candidates: [
    { trn: '1000201', score: 78, reasons: ['first_name_exact', 'last_name_exact', 'date_of_birth_one_digit_different'], record: { firstName: 'Sam', middleName: null, lastName: 'Okafor', dateOfBirth: '1988-06-03' } },
    { trn: '1000202', score: 70, reasons: ['first_name_nickname', 'last_name_exact', 'date_of_birth_exact'], record: { firstName: 'Samuel', middleName: null, lastName: 'Okafor', dateOfBirth: '1988-06-30' } },
  ],
}

describe('support tickets sent to Zendesk', () => {
  let database: TestDatabase<IdentitySchema>
  let zendesk: FakeZendesk
  const clock = fixedClock('2026-11-23T09:00:00Z')
  let people = 0

  before(async () => {
    database = await createTestDatabase<IdentitySchema>(IDENTITY_MIGRATIONS)
  })
  after(() => database.drop())
  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z')
    await database.db.deleteFrom('outbox_jobs').execute()
    await ticketsDb(database.db).deleteFrom('support_tickets').execute()
    zendesk = await startFakeZendesk({ user: settings.user, token: settings.token })
  })
  afterEach(() => zendesk.close())

  const client = (timeoutMs = 5 * SECOND) => createZendeskTickets(settings, { endpointUri: zendesk.endpointUri, timeoutMs })
  const worker = (tickets: ZendeskTickets = client()): OutboxWorker =>
    createOutboxWorker({ db: database.db, clock, logger, leaseMs: LEASE, handlers: zendeskJobHandlers({ db: database.db, zendesk: tickets, clock }) })

  async function pendingPerson(destination: 'zendesk' | 'support_queue' = 'zendesk', lookup: LookupOutcome = possible) {
    people++
    return database.db.transaction().execute(async (trx) => {
      const user = await createUser(trx, { email: `sam${people}@school.example`, email_verified: true, given_name: 'Sam', family_name: 'Okafor', trn_lookup_status: 'Pending' }, clock.now())
      const content = ticketFromPendingLookup(answers, lookup, npq, { sub: user.sub, email: user.email })
      assert.ok(content)
      const { ticket } = await raiseSupportTicket(trx, { content, destination }, clock)
      return { user, ticket }
    })
  }

  const jobOf = async (type: string) => database.db.selectFrom('outbox_jobs').selectAll().where('type', '=', type).executeTakeFirstOrThrow()
  const creates = () => zendesk.requests.filter((request) => request.method === 'POST').length
  const updates = () => zendesk.requests.filter((request) => request.method === 'PUT').length
  const close = (ticketId: string, how: CloseTicket) => database.db.transaction().execute((trx) => closeTicket(trx, ticketId, how, clock))

  it('creates the ticket once, as a private note from the person, with the ticket id as external id', async () => {
    const { user, ticket } = await pendingPerson()
    const tickets = worker()
    assert.deepEqual(await tickets.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
    assert.deepEqual(await tickets.runOnce(), { claimed: 0, succeeded: 0, retried: 0, setAside: 0 })

    assert.equal(zendesk.tickets.length, 1)
    const created = zendesk.tickets[0]
    assert.equal(created?.external_id, ticket.id)
    assert.equal(created?.subject, '[Get an identity] - Support request from Sam Okafor')
    assert.deepEqual(created?.requester, { name: 'Sam Okafor', email: user.email })
    assert.deepEqual(created?.tags, ['get_an_identity', 'trn_lookup', 'possible_match'])
    assert.equal(created?.comments[0]?.public, false, 'other people’s records are never emailed to the requester')
    assert.match(created?.description ?? '', /POSSIBLE RECORDS \(2\)/)
    assert.match(created?.description ?? '', /TRN 1000201 +\| TRN 1000202/)
    assert.ok(zendesk.requests.every((request) => request.authorization?.startsWith('Basic ')), 'authenticated with the API token')

    const saved = await findTicket(database.db, ticket.id)
    assert.equal(saved?.zendeskTicketId, created?.id)
    assert.equal(saved?.sentToZendeskAt?.toISOString(), '2026-11-23T09:00:00.000Z')
    assert.equal(saved?.status, 'open', 'sending it does not close it')
    assert.equal((await jobOf(ZENDESK_TICKET_JOB)).status, 'done')
  })

  it('keeps trying while Zendesk refuses connections, answers 503 or rate-limits, then creates exactly one ticket', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker()

    await zendesk.goDown()
    assert.equal((await tickets.runOnce()).retried, 1)
    let job = await jobOf(ZENDESK_TICKET_JOB)
    assert.equal(job.next_attempt_at.getTime() - clock.now().getTime(), 30 * SECOND)
    assert.match(job.last_error ?? '', /^Zendesk: the ticket lookup got no answer$/)
    // Nothing is lost meanwhile: the ticket is open in the queue, waiting for its Zendesk id.
    assert.deepEqual((await openTickets(database.db)).map((open) => [open.id, open.zendeskTicketId]), [[ticket.id, null]])

    clock.advance(29 * SECOND)
    assert.equal((await tickets.runOnce()).claimed, 0, 'not before its time')
    clock.advance(1 * SECOND)
    await zendesk.comeBack()
    zendesk.failNext('unavailable')
    assert.equal((await tickets.runOnce()).retried, 1)
    job = await jobOf(ZENDESK_TICKET_JOB)
    assert.equal(job.next_attempt_at.getTime() - clock.now().getTime(), 60 * SECOND, 'the wait doubles')
    assert.match(job.last_error ?? '', /503/)

    clock.advance(60 * SECOND)
    zendesk.failNext('rate_limited')
    assert.equal((await tickets.runOnce()).retried, 1)
    job = await jobOf(ZENDESK_TICKET_JOB)
    assert.equal(job.next_attempt_at.getTime() - clock.now().getTime(), 2 * MINUTE)
    assert.match(job.last_error ?? '', /429/)

    clock.advance(2 * MINUTE)
    assert.equal((await tickets.runOnce()).succeeded, 1)
    assert.equal(zendesk.tickets.length, 1)
    assert.equal(creates(), 1)
    assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, zendesk.tickets[0]?.id)
  })

  it('tries for about a week before setting the job aside', () => {
    const handler = zendeskJobHandlers({ db: database.db, zendesk: client(), clock })[ZENDESK_TICKET_JOB]
    assert.ok(handler?.backoff && handler.maxAttempts === ZENDESK_MAX_ATTEMPTS)
    let waited = 0
    for (let attempt = 1; attempt < ZENDESK_MAX_ATTEMPTS; attempt++) waited += handler.backoff(attempt)
    assert.ok(waited > 6.5 * 24 * 60 * MINUTE && waited < 8 * 24 * 60 * MINUTE, `${waited / (24 * 60 * MINUTE)} days`)
    assert.equal(handler.backoff(50), 60 * MINUTE, 'never more than an hour apart')
  })

  it('does not create it twice when Zendesk created the ticket but its answer was lost', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker()
    zendesk.failNext('lose_answer')
    assert.equal((await tickets.runOnce()).retried, 1)
    assert.equal(zendesk.tickets.length, 1, 'Zendesk has it')
    assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, null, 'we never heard')

    clock.advance(30 * SECOND)
    assert.equal((await tickets.runOnce()).succeeded, 1)
    assert.equal(zendesk.tickets.length, 1)
    assert.equal(creates(), 1)
    assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, zendesk.tickets[0]?.id)
  })

  it('gives up on a request Zendesk does not answer in time, and tries again', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker(client(300))
    zendesk.failNext('hang')
    const started = Date.now()
    assert.equal((await tickets.runOnce()).retried, 1)
    assert.ok(Date.now() - started < 3 * SECOND)
    assert.match((await jobOf(ZENDESK_TICKET_JOB)).last_error ?? '', /timed out/)
    clock.advance(30 * SECOND)
    assert.equal((await tickets.runOnce()).succeeded, 1)
    assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, zendesk.tickets[0]?.id)
  })

  for (const diesWhen of ['after Zendesk created the ticket', 'before anything reached Zendesk'] as const) {
    it(`survives a worker dying ${diesWhen}: another picks the job up after the lease, and there is one ticket`, async () => {
      const { ticket } = await pendingPerson()
      let release: (error: Error) => void = () => {}
      const death = new Promise<never>((_, reject) => (release = reject))
      const real = client()
      // The first instance stops for good at this point (its process was killed): it never answers again.
      const dying: ZendeskTickets =
        diesWhen === 'after Zendesk created the ticket'
          ? { ...real, create: async (...args) => (await real.create(...args), death) }
          : { ...real, findByExternalId: () => death }
      const first = worker(dying).runOnce()

      if (diesWhen === 'after Zendesk created the ticket') await until(() => zendesk.tickets.length === 1)
      else await delay(50)

      const restarted = worker()
      assert.equal((await restarted.runOnce()).claimed, 0, 'the job is leased to the dead instance')
      clock.advance(LEASE)
      assert.deepEqual(await restarted.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
      assert.equal(zendesk.tickets.length, 1)
      assert.equal(creates(), 1)
      assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, zendesk.tickets[0]?.id)

      // Should the first instance wake after all, its outcome no longer counts: the job stays done.
      release(new Error('the old instance fails late'))
      await first
      const job = await jobOf(ZENDESK_TICKET_JOB)
      assert.equal(job.status, 'done')
      assert.equal(job.attempts, 2)
    })
  }

  it('keeps the ticket in the queue and sets the job aside when Zendesk refuses its content; a retry after the fix sends it', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker()
    zendesk.failNext('refuse_content')
    assert.equal((await tickets.runOnce()).setAside, 1)
    const job = await jobOf(ZENDESK_TICKET_JOB)
    assert.equal(job.status, 'set_aside')
    assert.equal(job.last_error, 'Zendesk refused the new ticket (422)')
    assert.deepEqual((await openTickets(database.db)).map((open) => open.id), [ticket.id])

    assert.equal(await retrySetAsideJobs(database.db, { type: ZENDESK_TICKET_JOB }, clock), 1)
    assert.equal((await tickets.runOnce()).succeeded, 1)
    assert.equal(zendesk.tickets.length, 1)
  })

  it('sends nothing, and solves nothing, for a ticket closed before Zendesk could be reached', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker()
    await zendesk.goDown()
    assert.equal((await tickets.runOnce()).retried, 1)
    await close(ticket.id, { by: 'client:register-for-an-npq', outcome: 'trn_assigned', trn: '1000201' })
    await zendesk.comeBack()
    await runUntilQuiet(tickets)
    assert.equal(zendesk.tickets.length, 0)
    assert.equal(creates() + updates(), 0)
    assert.equal((await jobOf(ZENDESK_TICKET_JOB)).status, 'done')
    assert.equal((await jobOf(ZENDESK_SOLVE_JOB)).status, 'done')
  })

  it('records and solves the Zendesk ticket of one closed after Zendesk created it but before we heard back', async () => {
    const { ticket } = await pendingPerson()
    const tickets = worker()
    zendesk.failNext('lose_answer')
    assert.equal((await tickets.runOnce()).retried, 1)
    await close(ticket.id, { by: 'cli', outcome: 'not_needed' })
    clock.advance(30 * SECOND)
    await runUntilQuiet(tickets)
    assert.equal(creates(), 1)
    assert.equal((await findTicket(database.db, ticket.id))?.zendeskTicketId, zendesk.tickets[0]?.id, 'agents can find it from our side')
    assert.equal(zendesk.tickets[0]?.status, 'solved')
    assert.equal(closingNotes(ticket.id).length, 1)
  })

  it('adds a later lookup to the Zendesk ticket as one private note, even when the note’s answer is lost', async () => {
    const { user, ticket } = await pendingPerson()
    const tickets = worker()
    await tickets.runOnce()

    clock.advance(MINUTE)
    await database.db.transaction().execute(async (trx) => {
      const later = ticketFromPendingLookup({ ...answers, hasTrn: true, trn: '7654321' }, { status: 'Pending', matcher: 'none' }, { ...npq, clientId: 'teacher-pensions', name: 'Teacher pensions' }, { sub: user.sub, email: user.email })
      assert.ok(later)
      assert.equal((await raiseSupportTicket(trx, { content: later, destination: 'zendesk' }, clock)).outcome, 'added')
    })
    zendesk.failNext('lose_answer')
    assert.equal((await tickets.runOnce()).retried, 1)
    clock.advance(30 * SECOND)
    assert.equal((await tickets.runOnce()).succeeded, 1)

    const comments = zendesk.tickets[0]?.comments ?? []
    assert.equal(comments.length, 2)
    assert.equal(comments[1]?.public, false)
    assert.ok(comments[1]?.body.includes(furtherLookupReference(ticket.id, 1)))
    assert.match(comments[1]?.body ?? '', /LATER LOOKUP 1[\s\S]*Sam Okafor signed in to Teacher pensions[\s\S]*TRN is 7654321/)
    assert.equal((await jobOf(ZENDESK_NOTE_JOB)).status, 'done')
  })

  it('puts a lookup added while Zendesk was down into the new ticket itself, not a note as well', async () => {
    const { user, ticket } = await pendingPerson()
    const tickets = worker()
    await zendesk.goDown()
    assert.equal((await tickets.runOnce()).retried, 1)
    await database.db.transaction().execute(async (trx) => {
      const later = ticketFromPendingLookup(answers, { status: 'Pending', matcher: 'unavailable' }, npq, { sub: user.sub, email: user.email })
      assert.ok(later)
      await raiseSupportTicket(trx, { content: later, destination: 'zendesk' }, clock)
    })
    await zendesk.comeBack()
    clock.advance(30 * SECOND)
    // The ticket and the note jobs are both due now; whichever runs first, there is one ticket and no separate note.
    for (let round = 0; round < 4; round++) {
      await tickets.runOnce()
      clock.advance(2 * MINUTE)
    }
    assert.equal(zendesk.tickets.length, 1)
    assert.equal(zendesk.tickets[0]?.comments.length, 1)
    assert.ok(zendesk.tickets[0]?.description.includes(furtherLookupReference(ticket.id, 1)))
    assert.equal((await jobOf(ZENDESK_TICKET_JOB)).status, 'done')
    assert.equal((await jobOf(ZENDESK_NOTE_JOB)).status, 'done')
  })

  it('without Zendesk configured, keeps tickets in the built-in queue only: oldest first, closed with an event', async () => {
    const destination = ticketDestination(loadZendeskSettings({}))
    assert.equal(destination, 'support_queue')
    const older = await pendingPerson(destination)
    clock.advance(MINUTE)
    const newer = await pendingPerson(destination, { status: 'Pending', matcher: 'none' })

    assert.deepEqual(await worker().runOnce(), { claimed: 0, succeeded: 0, retried: 0, setAside: 0 })
    assert.deepEqual(zendesk.requests, [])
    assert.deepEqual(await database.db.selectFrom('outbox_jobs').select('id').execute(), [])

    const queue = await openTickets(database.db)
    assert.deepEqual(queue.map((open) => open.id), [older.ticket.id, newer.ticket.id])
    assert.deepEqual(queue.map((open) => [open.destination, open.reason, open.zendeskTicketId]), [
      ['support_queue', 'possible_match', null],
      ['support_queue', 'stated_qts_not_found', null],
    ])

    const closed = await database.db.transaction().execute((trx) => closeTicket(trx, older.ticket.id, { by: 'user:agent-sub', outcome: 'trn_assigned', trn: '1000202' }, clock))
    assert.ok(closed.closed)
    assert.deepEqual((await openTickets(database.db)).map((open) => open.id), [newer.ticket.id])
    const event = await database.db.selectFrom('events').selectAll().where('event_type', '=', 'support_ticket_closed').where('user_sub', '=', older.user.sub).executeTakeFirstOrThrow()
    assert.equal(event.actor, 'user:agent-sub')
    assert.deepEqual(await database.db.selectFrom('outbox_jobs').select('id').execute(), [], 'closing one queues nothing either')
    assert.deepEqual(zendesk.requests, [])
  })

  describe('closing a ticket solves it in Zendesk', () => {
    const agent = 'staff:7d1c2b3a-0f4e-4c5d-8a9b-1c2d3e4f5a6b'

    /** A ticket sent to Zendesk, then closed here by assigning TRN 1000202. */
    async function sentThenClosed(tickets: OutboxWorker) {
      const { ticket } = await pendingPerson()
      await tickets.runOnce()
      clock.set('2026-11-25T15:30:00Z')
      await close(ticket.id, { by: agent, outcome: 'trn_assigned', trn: '1000202' })
      return ticket
    }

    it('solves the Zendesk ticket once, with one private note saying why, who and the TRN', async () => {
      const tickets = worker()
      const ticket = await sentThenClosed(tickets)
      assert.equal(zendesk.tickets[0]?.status, 'new', 'not before the job runs')

      assert.deepEqual(await tickets.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
      assert.deepEqual(await tickets.runOnce(), { claimed: 0, succeeded: 0, retried: 0, setAside: 0 })
      const solved = zendesk.tickets[0]
      assert.equal(solved?.status, 'solved')
      assert.equal(solved?.comments.length, 2, 'the description and the closing note')
      const note = solved?.comments[1]
      assert.equal(note?.public, false)
      assert.equal(
        note?.body,
        [
          'CLOSED IN GET AN IDENTITY, 25 November 2026 at 15:30 (UK time)',
          closingReference(ticket.id),
          `Why: their teaching record was found, and TRN 1000202 was assigned to their account.\nClosed by: ${agent}`,
          'Nothing more is needed on this request.',
        ].join('\n\n'),
      )
      assert.equal(updates(), 1)
      assert.deepEqual((await jobOf(ZENDESK_SOLVE_JOB)).payload, { ticketId: ticket.id })
      assert.equal((await jobOf(ZENDESK_SOLVE_JOB)).status, 'done')
    })

    it('keeps trying while Zendesk refuses connections, answers 503 or rate-limits, then solves it exactly once', async () => {
      const tickets = worker()
      const ticket = await sentThenClosed(tickets)

      await zendesk.goDown()
      assert.equal((await tickets.runOnce()).retried, 1)
      let job = await jobOf(ZENDESK_SOLVE_JOB)
      assert.equal(job.next_attempt_at.getTime() - clock.now().getTime(), 30 * SECOND)
      assert.match(job.last_error ?? '', /got no answer/)

      clock.advance(30 * SECOND)
      await zendesk.comeBack()
      zendesk.failNext('unavailable')
      assert.equal((await tickets.runOnce()).retried, 1)
      job = await jobOf(ZENDESK_SOLVE_JOB)
      assert.equal(job.next_attempt_at.getTime() - clock.now().getTime(), 60 * SECOND, 'the wait doubles')
      assert.match(job.last_error ?? '', /503/)

      clock.advance(60 * SECOND)
      zendesk.failNext('rate_limited')
      assert.equal((await tickets.runOnce()).retried, 1)
      assert.match((await jobOf(ZENDESK_SOLVE_JOB)).last_error ?? '', /429/)
      assert.equal(zendesk.tickets[0]?.status, 'new')

      clock.advance(2 * MINUTE)
      assert.equal((await tickets.runOnce()).succeeded, 1)
      assert.equal(zendesk.tickets[0]?.status, 'solved')
      assert.equal(closingNotes(ticket.id).length, 1)
      assert.equal(updates(), 1)
    })

    it('does not add the note twice when Zendesk solved the ticket but its answer was lost', async () => {
      const tickets = worker()
      const ticket = await sentThenClosed(tickets)
      zendesk.failNext('lose_answer')
      assert.equal((await tickets.runOnce()).retried, 1)
      assert.equal(zendesk.tickets[0]?.status, 'solved', 'Zendesk did it')

      clock.advance(30 * SECOND)
      assert.equal((await tickets.runOnce()).succeeded, 1)
      assert.equal(closingNotes(ticket.id).length, 1)
      assert.equal(updates(), 1)
    })

    it('survives a worker dying after Zendesk solved the ticket: the next one after the lease adds no second note', async () => {
      const real = client()
      const ticket = await sentThenClosed(worker(real))
      let release: (error: Error) => void = () => {}
      const death = new Promise<never>((_, reject) => (release = reject))
      const first = worker({ ...real, solve: async (...args) => (await real.solve(...args), death) }).runOnce()
      await until(() => zendesk.tickets[0]?.status === 'solved')

      const restarted = worker()
      assert.equal((await restarted.runOnce()).claimed, 0, 'the job is leased to the dead instance')
      clock.advance(LEASE)
      assert.deepEqual(await restarted.runOnce(), { claimed: 1, succeeded: 1, retried: 0, setAside: 0 })
      assert.equal(closingNotes(ticket.id).length, 1)
      assert.equal(zendesk.tickets[0]?.comments.length, 2)
      assert.equal(updates(), 1)

      release(new Error('the old instance fails late'))
      await first
      const job = await jobOf(ZENDESK_SOLVE_JOB)
      assert.equal(job.status, 'done')
      assert.equal(job.attempts, 2)
    })

    it('sets the job aside at once when Zendesk refuses the update; a retry after the fix solves it', async () => {
      const tickets = worker()
      const ticket = await sentThenClosed(tickets)
      zendesk.failNext('refuse_content')
      assert.equal((await tickets.runOnce()).setAside, 1)
      const job = await jobOf(ZENDESK_SOLVE_JOB)
      assert.equal(job.status, 'set_aside')
      assert.equal(job.last_error, 'Zendesk refused the solved ticket (422)')
      assert.equal(zendesk.tickets[0]?.status, 'new')

      assert.equal(await retrySetAsideJobs(database.db, { type: ZENDESK_SOLVE_JOB }, clock), 1)
      assert.equal((await tickets.runOnce()).succeeded, 1)
      assert.equal(zendesk.tickets[0]?.status, 'solved')
      assert.equal(closingNotes(ticket.id).length, 1)
    })

    it('calls Zendesk not at all for a ticket closed before it was sent', async () => {
      const { ticket } = await pendingPerson()
      await close(ticket.id, { by: agent, outcome: 'no_trn' })
      const oneJobAtATime = createOutboxWorker({ db: database.db, clock, logger, leaseMs: LEASE, batchSize: 1, handlers: zendeskJobHandlers({ db: database.db, zendesk: client(), clock }) })

      assert.equal((await oneJobAtATime.runOnce()).succeeded, 1)
      assert.equal((await jobOf(ZENDESK_TICKET_JOB)).status, 'done', 'the create job found it closed and sent nothing')
      const requestsBefore = zendesk.requests.length
      assert.equal((await oneJobAtATime.runOnce()).succeeded, 1)
      assert.equal((await jobOf(ZENDESK_SOLVE_JOB)).status, 'done')
      assert.equal(zendesk.requests.length, requestsBefore, 'the solve job asked Zendesk nothing')
      assert.equal(zendesk.tickets.length, 0)
    })

    it('leaves no Zendesk ticket open when the ticket is closed while the create job is sending it', async () => {
      const { ticket } = await pendingPerson()
      const real = client()
      let letCreateFinish = () => {}
      const creating = new Promise<void>((resolve) => (letCreateFinish = resolve))
      let createStarted = false
      // This attempt read the ticket while it was open, and is about to create it in Zendesk.
      const sending = worker({
        ...real,
        create: async (...args) => {
          createStarted = true
          await creating
          return real.create(...args)
        },
      }).runOnce()
      await until(() => createStarted)

      await close(ticket.id, { by: agent, outcome: 'not_needed' })
      const other = worker()
      assert.deepEqual(await other.runOnce(), { claimed: 1, succeeded: 0, retried: 1, setAside: 0 }, 'the solve job waits for the create job')
      assert.match((await jobOf(ZENDESK_SOLVE_JOB)).last_error ?? '', /may still reach Zendesk/)

      letCreateFinish()
      assert.equal((await sending).succeeded, 1)
      assert.equal(zendesk.tickets[0]?.status, 'new', 'created after it was closed here')

      clock.advance(30 * SECOND)
      assert.equal((await other.runOnce()).succeeded, 1)
      assert.equal(zendesk.tickets.length, 1)
      assert.equal(zendesk.tickets[0]?.status, 'solved')
      assert.match(closingNotes(ticket.id)[0]?.body ?? '', /Why: the request was no longer needed\./)
    })
  })

  function closingNotes(ticketId: string) {
    return zendesk.tickets.flatMap((ticket) => ticket.comments).filter((comment) => comment.body.includes(closingReference(ticketId)))
  }

  /** Runs every job due, moving the clock past each retry, until nothing is left to do. */
  async function runUntilQuiet(tickets: OutboxWorker): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await tickets.runOnce()
      const pending = await database.db.selectFrom('outbox_jobs').select('id').where('status', '=', 'pending').execute()
      if (pending.length === 0) return
      clock.advance(2 * MINUTE)
    }
    throw new Error('jobs still pending')
  }
})

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await delay(10)
  }
}
