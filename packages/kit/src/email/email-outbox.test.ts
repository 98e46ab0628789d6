import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fixedClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { KIT_MIGRATIONS, type KitTables } from '../migrations.ts'
import { createOutboxWorker } from '../outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../testing/database.ts'
import { EMAIL_JOB, emailJobHandler, enqueueEmail } from './email-outbox.ts'
import { createLocalOutboxSender, readLocalOutbox } from './local-outbox.ts'
import type { EmailSender, OutgoingEmail } from './sender.ts'

const logger = createLogger({ name: 'email-test', level: 'silent' })

describe('emails through the transactional outbox', () => {
  let database: TestDatabase<KitTables>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const dataDir = mkdtempSync(join(tmpdir(), 'email-outbox-'))

  before(async () => {
    database = await createTestDatabase<KitTables>([KIT_MIGRATIONS])
  })
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_jobs').execute()
  })
  after(async () => {
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** A Notify stand-in that is down for the first `outages` calls. */
  function flakyNotify(outages: number): EmailSender & { delivered: OutgoingEmail[] } {
    let calls = 0
    const delivered: OutgoingEmail[] = []
    return {
      name: 'notify',
      delivered,
      async send(email) {
        calls++
        if (calls <= outages) throw new Error('GOV.UK Notify answered 503 (no details)')
        delivered.push(email)
        return { sentWith: 'notify', providerReference: `notify-${email.id}` }
      },
    }
  }

  const emailWorker = (sender: EmailSender) =>
    createOutboxWorker({ db: database.db, clock, logger, handlers: { [EMAIL_JOB]: emailJobHandler({ db: database.db, sender, clock }) } })

  it('sends nothing for an email queued in a transaction that rolled back', async () => {
    const notify = flakyNotify(0)
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, { to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '111111' } }, clock)
        throw new Error('saving the sign-in attempt failed')
      }),
    )
    await emailWorker(notify).runOnce()
    assert.deepEqual(notify.delivered, [])
  })

  it('keeps an email through a Notify outage and a restart, sends it once, then forgets its personalisation', async () => {
    const notify = flakyNotify(2)
    const id = await database.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '222222' }, reference: 'sign-in' }, clock),
    )
    assert.equal((await emailWorker(notify).runOnce()).retried, 1)

    // A new process (a restart or another instance) picks the email up when it is due.
    clock.advance(30_000)
    assert.equal((await emailWorker(notify).runOnce()).retried, 1)
    clock.advance(60_000)
    const sentAt = clock.now()
    assert.equal((await emailWorker(notify).runOnce()).succeeded, 1)
    clock.advance(3_600_000)
    await emailWorker(notify).runOnce()

    assert.deepEqual(notify.delivered, [{ id, to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '222222' }, reference: 'sign-in' }])
    const row = await database.db.selectFrom('email_outbox').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()
    assert.equal(row.sent_with, 'notify')
    assert.equal(row.provider_reference, `notify-${id}`)
    assert.deepEqual(row.sent_at, sentAt)
    assert.equal(row.personalisation, null)
  })

  it('does not send again an email already sent when its worker stopped before finishing the job', async () => {
    const notify = flakyNotify(0)
    const id = await enqueueEmail(database.db, { to: 'grace@example.com', template: 'sign-in-code', personalisation: { code: '333333' } }, clock)
    await database.db.updateTable('email_outbox').set({ sent_at: clock.now(), sent_with: 'notify' }).where('job_id', '=', id).execute()
    assert.equal((await emailWorker(notify).runOnce()).succeeded, 1)
    assert.deepEqual(notify.delivered, [])
  })

  it('writes queued emails to the local outbox file when Notify is not configured', async () => {
    const sender = createLocalOutboxSender({ dataDir, service: 'identity', clock, templates: { 'sign-in-code': { subject: 'Your code', body: 'Your code is ((code))' } } })
    await database.db.transaction().execute((trx) => enqueueEmail(trx, { to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '444444' } }, clock))
    await emailWorker(sender).runOnce()
    const [written] = await readLocalOutbox(dataDir)
    assert.equal(written?.to, 'ada@example.com')
    assert.equal(written?.body, 'Your code is 444444')
    assert.equal(written?.service, 'identity')
  })
})
