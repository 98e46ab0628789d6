import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import express from 'express'
import supertest from 'supertest'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createLogger } from '../../../../packages/kit/src/logger.ts'
import { createOutboxWorker } from '../../../../packages/kit/src/outbox/worker.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { signWebhook } from '../../../../packages/kit/src/webhooks/signing.ts'
import { NPQ_MIGRATIONS, type TrnLookupStatus } from '../database/schema.ts'
import { IDENTITY_WEBHOOK_PATH, identityWebhooksRouter } from './routes.ts'
import type { WebhookSchema } from './store.ts'
import { IDENTITY_WEBHOOK_JOB, identityWebhookJobHandler } from './worker.ts'

const SECRET = 'current-identity-webhook-secret-0123456789abcdef'
const OLD_SECRET = 'previous-identity-webhook-secret-0123456789abcdef'
const logger = createLogger({ name: 'identity-webhooks-test', level: 'silent' })

describe('POST /webhooks/identity', () => {
  let database: TestDatabase<WebhookSchema>
  const clock = fixedClock('2026-11-22T12:00:00Z')
  let app: express.Express

  before(async () => {
    database = await createTestDatabase<WebhookSchema>(NPQ_MIGRATIONS)
    app = express()
    app.use(identityWebhooksRouter({ db: database.db, secrets: [SECRET, OLD_SECRET], clock, logger, maxBodyBytes: 16 * 1024 }))
    app.use((_req, res) => void res.status(418).send('the pages'))
  })
  after(() => database.drop())

  const db = () => database.db
  let unique = 0
  const nextSub = () => `identity-user-${++unique}-${randomUUID()}`

  const signedPost = (body: string, options: { secret?: string; signedAt?: Date; headers?: Record<string, string>; contentType?: string } = {}) => {
    const headers = signWebhook({ secret: options.secret ?? SECRET, body, timestamp: options.signedAt ?? clock.now() })
    return supertest(app)
      .post(IDENTITY_WEBHOOK_PATH)
      .set('Content-Type', options.contentType ?? 'application/json; charset=utf-8')
      .set({ ...headers, ...options.headers })
      .send(body)
  }

  const envelope = (messageType: string, message: unknown, overrides: Record<string, unknown> = {}) => ({
    notificationId: randomUUID(),
    timeUtc: clock.now().toISOString(),
    messageType,
    message,
    ...overrides,
  })

  const deliver = (value: unknown, options: Parameters<typeof signedPost>[1] = {}) => signedPost(JSON.stringify(value), options)

  const counts = async () => ({
    messages: Number((await db().selectFrom('identity_webhook_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    jobs: Number((await db().selectFrom('outbox_jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  })

  /** Runs the background worker, as the app does, until nothing is due. */
  const runWorker = async () => {
    const worker = createOutboxWorker({ db: db(), clock, logger, handlers: { [IDENTITY_WEBHOOK_JOB]: identityWebhookJobHandler({ db: db(), clock }) } })
    let total = 0
    for (let result = await worker.runOnce(); result.claimed > 0; result = await worker.runOnce()) total += result.succeeded
    return total
  }

  const storedMessage = (notificationId: string) => db().selectFrom('identity_webhook_messages').selectAll().where('notification_id', '=', notificationId).executeTakeFirstOrThrow()

  type SeededUser = { sub?: string; email?: string; fullName?: string; trn?: string | null; status?: TrnLookupStatus; identityUpdatedAt?: string }
  const seedUser = async (user: SeededUser = {}) => {
    const status = user.status ?? 'Found'
    const trn = user.trn === undefined ? '1234567' : user.trn
    return db()
      .insertInto('users')
      .values({
        sub: user.sub ?? nextSub(),
        email: user.email ?? 'kit.marlowe@example.com',
        full_name: user.fullName ?? 'Kit Marlowe',
        preferred_name: null,
        date_of_birth: '1985-03-14',
        trn,
        trn_lookup_status: status,
        trn_verified: trn !== null && status === 'Found',
        identity_updated_at: user.identityUpdatedAt ?? '2026-11-01T09:00:00Z',
        created_at: '2026-11-01T09:00:00Z',
        updated_at: '2026-11-01T09:00:00Z',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  }
  const userById = (id: string) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  const seedApplication = async (userId: string, course: string, status: 'pending' | 'accepted' | 'rejected' = 'pending', cohort = '2026') =>
    (
      await db()
        .insertInto('applications')
        .values({
          user_id: userId,
          submission_key: randomUUID(),
          cohort_identifier: cohort,
          course_identifier: course,
          lead_provider_identifier: 'ambition-institute',
          work_setting: 'a_school',
          teacher_catchment: 'england',
          teacher_catchment_country: null,
          school_urn: '100000',
          private_childcare_provider_urn: null,
          ukprn: null,
          kind_of_nursery: null,
          employment_type: null,
          employment_role: null,
          employer_name: null,
          itt_provider: null,
          headteacher_status: null,
          senco_in_role: null,
          senco_start_date: null,
          eligible_for_funding: true,
          funding_eligibility_status_code: 'funded',
          funding_choice: null,
          lead_provider_approval_status: status,
          on_submission_trn: null,
          raw_application_data: '{}',
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const applicationsOf = async (userId: string) =>
    (await db().selectFrom('applications').select('id').where('user_id', '=', userId).orderBy('id').execute()).map((row) => row.id).sort()
  const seedDraft = (userId: string, answers: Record<string, unknown>, version: number, updatedAt: string) =>
    db().insertInto('registration_drafts').values({ user_id: userId, answers: JSON.stringify(answers), version, updated_at: updatedAt }).execute()
  const draftOf = (userId: string) => db().selectFrom('registration_drafts').selectAll().where('user_id', '=', userId).executeTakeFirst()

  const identityUser = (sub: string, overrides: Record<string, unknown> = {}) => ({
    userId: sub,
    emailAddress: 'kit.marlowe@example.com',
    firstName: 'Kit',
    middleName: null,
    lastName: 'Marlowe',
    preferredName: null,
    dateOfBirth: '1985-03-14',
    trn: '1234567',
    mobileNumber: null,
    trnLookupStatus: 'Found',
    ...overrides,
  })
  const userUpdated = (sub: string, changes: Record<string, unknown>, userOverrides: Record<string, unknown> = {}, timeUtc = clock.now().toISOString()) =>
    envelope('UserUpdated', { user: identityUser(sub, { ...changes, ...userOverrides }), changes }, { timeUtc })

  describe('receiving', () => {
    it('stores a signed message once, answers 202, and applies it when the worker runs', async () => {
      const user = await seedUser({ email: 'old.address@example.com' })
      const message = userUpdated(user.sub, { emailAddress: 'kit.new@example.com' })
      const before = await counts()

      const response = await deliver(message).expect(202)
      assert.deepEqual(response.body, { notificationId: message.notificationId, status: 'accepted' })
      assert.deepEqual(await counts(), { messages: before.messages + 1, jobs: before.jobs + 1 })
      const stored = await storedMessage(message.notificationId)
      assert.equal(stored.message_type, 'UserUpdated')
      assert.deepEqual(stored.body, message)
      assert.equal(stored.time_utc.toISOString(), message.timeUtc)
      assert.equal(stored.processed_at, null)
      assert.equal((await userById(user.id)).email, 'old.address@example.com', 'nothing is applied during the request')

      assert.equal(await runWorker(), 1)
      const updated = await userById(user.id)
      assert.equal(updated.email, 'kit.new@example.com')
      assert.equal(updated.identity_updated_at.toISOString(), message.timeUtc)
      const processed = await storedMessage(message.notificationId)
      assert.equal(processed.outcome, 'updated')
      assert.deepEqual(processed.outcome_detail, { userId: user.id, changes: { email: { from: 'old.address@example.com', to: 'kit.new@example.com' } } })
      assert.ok(processed.processed_at)
    })

    it('answers 200 to a repeat delivery (re-signed later, as a retry is) and stores, queues and changes nothing', async () => {
      const user = await seedUser()
      const message = userUpdated(user.sub, { lastName: 'Marlowe-Hart' })
      await deliver(message).expect(202)
      await runWorker()
      const applied = await userById(user.id)
      const before = await counts()

      clock.advance(90_000)
      const response = await deliver(message).expect(200)
      assert.deepEqual(response.body, { notificationId: message.notificationId, status: 'already_received' })
      assert.deepEqual(await counts(), before)
      assert.equal(await runWorker(), 0)
      assert.deepEqual(await userById(user.id), applied)
    })

    it('stores and acknowledges types it does not apply (Ping, UserCreated, a type it does not know yet)', async () => {
      for (const message of [envelope('Ping', null), envelope('UserCreated', { user: identityUser(nextSub()) }), envelope('UserArchived', { anything: [1, 2] })]) {
        await deliver(message).expect(202)
      }
      assert.equal(await runWorker(), 3)
      const outcomes = await db().selectFrom('identity_webhook_messages').select('outcome').where('message_type', 'in', ['Ping', 'UserCreated', 'UserArchived']).execute()
      assert.deepEqual(
        outcomes.map((row) => row.outcome),
        ['not_applied', 'not_applied', 'not_applied'],
      )
    })

    it('accepts the notification id repeated in X-Webhook-Id, and refuses one that disagrees', async () => {
      const message = envelope('Ping', {})
      await deliver(message, { headers: { 'X-Webhook-Id': message.notificationId } }).expect(202)
      const before = await counts()
      const other = envelope('Ping', {})
      const response = await deliver(other, { headers: { 'X-Webhook-Id': 'someone-else' } }).expect(400)
      assert.equal(response.body.error.code, 'notification_id_mismatch')
      assert.deepEqual(await counts(), before)
    })

    it('accepts the old and the new secret while the secret is being rotated', async () => {
      await deliver(envelope('Ping', {}), { secret: SECRET }).expect(202)
      await deliver(envelope('Ping', {}), { secret: OLD_SECRET }).expect(202)
    })

    it('leaves other paths to the routes after it, and answers other methods on its own path with JSON', async () => {
      await supertest(app).get('/start').expect(418)
      await supertest(app).post('/webhooks/records').expect(418)
      const get = await supertest(app).get(IDENTITY_WEBHOOK_PATH).expect(405)
      assert.equal(get.headers.allow, 'POST')
      assert.equal(get.body.error.code, 'method_not_allowed')
      const below = await supertest(app).post(`${IDENTITY_WEBHOOK_PATH}/extra`).expect(404)
      assert.equal(below.body.error.code, 'not_found')
    })
  })

  describe('refusing, with nothing stored', () => {
    const body = () => JSON.stringify(envelope('Ping', {}))
    const refused = async (request: supertest.Test, status: number, code: string) => {
      const before = await counts()
      const response = await request.expect(status).expect('Content-Type', /application\/json/)
      assert.equal(response.body.error.code, code)
      assert.equal(typeof response.body.error.message, 'string')
      assert.deepEqual(await counts(), before)
    }

    it('a request with no signature or timestamp', async () => {
      const text = body()
      await refused(supertest(app).post(IDENTITY_WEBHOOK_PATH).set('Content-Type', 'application/json').send(text), 401, 'missing_signature')
      const { 'X-Hub-Signature-256': signature } = signWebhook({ secret: SECRET, body: text, timestamp: clock.now() })
      await refused(supertest(app).post(IDENTITY_WEBHOOK_PATH).set('Content-Type', 'application/json').set('X-Hub-Signature-256', signature).send(text), 401, 'missing_timestamp')
    })

    it('a signature made with another secret, over another body, or in another form', async () => {
      await refused(signedPost(body(), { secret: 'a-secret-we-never-gave-out-0123456789abcdef' }), 401, 'bad_signature')
      const text = body()
      const headers = signWebhook({ secret: SECRET, body: text, timestamp: clock.now() })
      await refused(
        supertest(app).post(IDENTITY_WEBHOOK_PATH).set('Content-Type', 'application/json').set(headers).send(text.replace('Ping', 'Pong')),
        401,
        'bad_signature',
      )
      await refused(signedPost(body(), { headers: { 'X-Hub-Signature-256': 'sha256=not-hex' } }), 401, 'bad_signature')
      await refused(signedPost(body(), { headers: { 'X-Hub-Signature-256': 'md5=0123' } }), 401, 'bad_signature')
      await refused(signedPost(body(), { headers: { 'X-Webhook-Timestamp': String(Math.floor(clock.now().getTime() / 1000) - 1) } }), 401, 'bad_signature')
    })

    it('a timestamp more than five minutes old or in the future', async () => {
      await refused(signedPost(body(), { signedAt: new Date(clock.now().getTime() - 301_000) }), 401, 'stale_timestamp')
      await refused(signedPost(body(), { signedAt: new Date(clock.now().getTime() + 301_000) }), 401, 'stale_timestamp')
      await signedPost(body(), { signedAt: new Date(clock.now().getTime() - 299_000) }).expect(202)
    })

    it('a body over the size limit, before checking its signature', async () => {
      const large = JSON.stringify(envelope('Ping', { padding: 'x'.repeat(17 * 1024) }))
      await refused(signedPost(large), 413, 'body_too_large')
    })

    it('a body that is not JSON, or not valid UTF-8', async () => {
      await refused(signedPost('{"notificationId": '), 400, 'malformed_json')
      const bytes = Buffer.concat([Buffer.from('{"notificationId":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])
      const headers = signWebhook({ secret: SECRET, body: bytes, timestamp: clock.now() })
      // superagent would send a Buffer as JSON of its bytes when the content type is JSON; these are the raw bytes.
      const raw = supertest(app).post(IDENTITY_WEBHOOK_PATH).set('Content-Type', 'application/json').set(headers).serialize((value: unknown) => value as string)
      await refused(raw.send(bytes), 400, 'malformed_json')
    })

    it('a signed envelope or message that is not what the contract says', async () => {
      await refused(deliver([1, 2, 3]), 400, 'validation_failed')
      await refused(deliver({ ...envelope('Ping', {}), timeUtc: 'yesterday' }), 400, 'validation_failed')
      await refused(deliver({ ...envelope('Ping', {}), notificationId: undefined }), 400, 'validation_failed')
      await refused(deliver(envelope('User Updated!', {})), 400, 'validation_failed')
      await refused(deliver(userUpdated(nextSub(), { trn: '12345' })), 400, 'validation_failed')
      await refused(deliver(envelope('UserMerged', { masterUserId: 'same', mergedUserId: 'same' })), 400, 'validation_failed')
      const response = await deliver(envelope('UserUpdated', { user: identityUser(nextSub(), { dateOfBirth: '1985-02-30' }), changes: {} })).expect(400)
      assert.deepEqual(
        response.body.error.errors.map((error: { field: string }) => error.field),
        ['message.user.dateOfBirth'],
      )
    })

    it('a body that is not JSON by its content type', async () => {
      const text = body()
      await refused(signedPost(text, { contentType: 'text/plain' }), 415, 'unsupported_media_type')
      await refused(signedPost(text, { contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type')
      await refused(signedPost(text, { contentType: 'application/json; charset=latin1' }), 415, 'unsupported_media_type')
      const headers = signWebhook({ secret: SECRET, body: text, timestamp: clock.now() })
      await refused(supertest(app).post(IDENTITY_WEBHOOK_PATH).set(headers).send(Buffer.from(text)), 415, 'unsupported_media_type')
    })
  })

  describe('applying UserUpdated', () => {
    it('takes only the fields that changed, building the full name from the name parts', async () => {
      const user = await seedUser({ fullName: 'Kit Marlowe', email: 'kit.marlowe@example.com' })
      await db().updateTable('users').set({ preferred_name: 'Kitty' }).where('id', '=', user.id).execute()
      const message = userUpdated(user.sub, { middleName: 'Jane', dateOfBirth: '1985-03-15' }, { emailAddress: 'ignored-because-unchanged@example.com' })
      await deliver(message).expect(202)
      await runWorker()
      const updated = await userById(user.id)
      assert.equal(updated.full_name, 'Kit Jane Marlowe')
      assert.equal(updated.date_of_birth, '1985-03-15')
      assert.equal(updated.email, 'kit.marlowe@example.com', 'the email was not among the changes')
      assert.equal(updated.preferred_name, 'Kitty')
      assert.equal(updated.trn, '1234567')
    })

    it('verifies a TRN only when the identity service found it, and unverifies it when the lookup is reopened', async () => {
      const user = await seedUser({ trn: null, status: 'Pending' })
      clock.advance(1000)
      await deliver(userUpdated(user.sub, { trn: '7654321', trnLookupStatus: 'Found' })).expect(202)
      await runWorker()
      let updated = await userById(user.id)
      assert.deepEqual([updated.trn, updated.trn_lookup_status, updated.trn_verified], ['7654321', 'Found', true])

      clock.advance(1000)
      await deliver(userUpdated(user.sub, { trnLookupStatus: 'Failed' }, { trn: '7654321' })).expect(202)
      await runWorker()
      updated = await userById(user.id)
      assert.deepEqual([updated.trn, updated.trn_lookup_status, updated.trn_verified], ['7654321', 'Failed', false])
    })

    it('ignores a message about someone who has never signed in here, and keeps it as processed', async () => {
      const message = userUpdated(nextSub(), { emailAddress: 'stranger@example.com' })
      const usersBefore = await db().selectFrom('users').select('id').execute()
      await deliver(message).expect(202)
      await runWorker()
      assert.equal((await db().selectFrom('users').select('id').execute()).length, usersBefore.length)
      const stored = await storedMessage(message.notificationId)
      assert.equal(stored.outcome, 'ignored_unknown_user')
      assert.ok(stored.processed_at)
    })

    it('ignores an older update arriving after a newer one', async () => {
      const user = await seedUser({ email: 'first@example.com' })
      const older = userUpdated(user.sub, { emailAddress: 'older@example.com' }, {}, '2026-11-22T11:00:00.000Z')
      const newer = userUpdated(user.sub, { emailAddress: 'newer@example.com' }, {}, '2026-11-22T11:30:00.000Z')
      await deliver(newer).expect(202)
      await runWorker()
      await deliver(older).expect(202)
      await runWorker()
      const updated = await userById(user.id)
      assert.equal(updated.email, 'newer@example.com')
      assert.equal(updated.identity_updated_at.toISOString(), '2026-11-22T11:30:00.000Z')
      assert.equal((await storedMessage(older.notificationId)).outcome, 'ignored_stale')
    })

    it('ends with the newest details when several updates are applied side by side', async () => {
      const user = await seedUser({ email: 'first@example.com' })
      const times = ['2026-11-22T11:10:00.000Z', '2026-11-22T11:50:00.000Z', '2026-11-22T11:20:00.000Z', '2026-11-22T11:40:00.000Z']
      for (const [index, time] of times.entries()) await deliver(userUpdated(user.sub, { emailAddress: `update-${index}@example.com` }, {}, time)).expect(202)
      await runWorker()
      const updated = await userById(user.id)
      assert.equal(updated.email, 'update-1@example.com')
      assert.equal(updated.identity_updated_at.toISOString(), '2026-11-22T11:50:00.000Z')
    })

    it('ignores an update older than the person’s latest sign-in', async () => {
      const user = await seedUser({ email: 'signed-in@example.com', identityUpdatedAt: '2026-11-22T11:45:00Z' })
      const message = userUpdated(user.sub, { emailAddress: 'before-sign-in@example.com' }, {}, '2026-11-22T11:40:00.000Z')
      await deliver(message).expect(202)
      await runWorker()
      assert.equal((await userById(user.id)).email, 'signed-in@example.com')
    })

    it('applies each message once however many times its job runs', async () => {
      const user = await seedUser({ fullName: 'Kit Marlowe' })
      const message = userUpdated(user.sub, { firstName: 'Christopher' })
      await deliver(message).expect(202)
      const { id } = await storedMessage(message.notificationId)
      const handler = identityWebhookJobHandler({ db: db(), clock })
      await handler.run({ id: 1, type: IDENTITY_WEBHOOK_JOB, payload: { messageId: id }, attempt: 1 })
      const once = await userById(user.id)
      const processedOnce = await storedMessage(message.notificationId)
      clock.advance(60_000)
      await handler.run({ id: 1, type: IDENTITY_WEBHOOK_JOB, payload: { messageId: id }, attempt: 2 })
      assert.deepEqual(await userById(user.id), once)
      assert.deepEqual(await storedMessage(message.notificationId), processedOnce)
      assert.equal(once.full_name, 'Christopher Marlowe')
      await runWorker()
    })

    it('sets aside a job it can never complete, and keeps the reason on the message', async () => {
      const handler = identityWebhookJobHandler({ db: db(), clock })
      const job = (payload: unknown) => ({ id: 1, type: IDENTITY_WEBHOOK_JOB, payload, attempt: 1 })
      await assert.rejects(handler.run(job({})), { name: 'PermanentJobFailure' })
      await assert.rejects(handler.run(job({ messageId: 987_654_321 })), { name: 'PermanentJobFailure' })

      const message = userUpdated(nextSub(), { emailAddress: 'someone@example.com' })
      await deliver(message).expect(202)
      // Stored messages were valid on receipt; one that no longer is (say, after a rule changed) cannot be applied.
      await db().updateTable('identity_webhook_messages').set({ body: JSON.stringify({ ...message, message: { user: 'not a user' } }) }).where('notification_id', '=', message.notificationId).execute()
      const { id } = await storedMessage(message.notificationId)
      await assert.rejects(handler.run(job({ messageId: id })), { name: 'PermanentJobFailure' })
      const stored = await storedMessage(message.notificationId)
      assert.equal(stored.processed_at, null)
      assert.match(stored.last_error ?? '', /no longer passes validation/)
      await runWorker()
    })
  })

  describe('applying UserMerged', () => {
    const merge = (masterSub: string, mergedSub: string) => envelope('UserMerged', { masterUserId: masterSub, mergedUserId: mergedSub })

    it('moves the merged account’s applications and draft to the master, and points the merged account at it', async () => {
      const master = await seedUser({ email: 'master@example.com' })
      const merged = await seedUser({ email: 'merged@example.com' })
      const masterApplication = await seedApplication(master.id, 'npq-senior-leadership')
      const movedPending = await seedApplication(merged.id, 'npq-headship')
      const movedAccepted = await seedApplication(merged.id, 'npq-senior-leadership', 'accepted', '2025')
      await seedDraft(merged.id, { course: 'npq-leading-teaching' }, 4, '2026-11-20T10:00:00Z')

      const message = merge(master.sub, merged.sub)
      await deliver(message).expect(202)
      await runWorker()

      assert.deepEqual(await applicationsOf(master.id), [masterApplication, movedPending, movedAccepted].sort())
      assert.deepEqual(await applicationsOf(merged.id), [])
      const draft = await draftOf(master.id)
      assert.deepEqual(draft?.answers, { course: 'npq-leading-teaching' })
      assert.equal(draft?.version, 5)
      assert.equal(await draftOf(merged.id), undefined)
      assert.equal((await userById(merged.id)).merged_into_user_id, master.id)
      assert.equal((await userById(master.id)).merged_into_user_id, null)
      const stored = await storedMessage(message.notificationId)
      assert.equal(stored.outcome, 'merged')
      assert.deepEqual(stored.outcome_detail?.applicationsLeftOnMergedAccount, [])
    })

    it('leaves a pending application for a course and cohort the master also has pending on the merged account, and says so', async () => {
      const master = await seedUser()
      const merged = await seedUser()
      const mastersPending = await seedApplication(master.id, 'npq-headship')
      const clashing = await seedApplication(merged.id, 'npq-headship')
      const otherCohort = await seedApplication(merged.id, 'npq-headship', 'pending', '2027')
      const message = merge(master.sub, merged.sub)
      await deliver(message).expect(202)
      await runWorker()

      assert.deepEqual(await applicationsOf(master.id), [mastersPending, otherCohort].sort())
      assert.deepEqual(await applicationsOf(merged.id), [clashing])
      assert.equal((await userById(merged.id)).merged_into_user_id, master.id, 'the one left behind can still be traced to the master')
      const detail = (await storedMessage(message.notificationId)).outcome_detail
      assert.deepEqual(detail?.applicationsLeftOnMergedAccount, [clashing])
      assert.deepEqual(detail?.movedApplicationIds, [otherCohort])
    })

    it('keeps the more recently saved draft when both accounts have one', async () => {
      const master = await seedUser()
      const merged = await seedUser()
      await seedDraft(master.id, { course: 'older-answers' }, 7, '2026-11-10T10:00:00Z')
      await seedDraft(merged.id, { course: 'newer-answers' }, 2, '2026-11-21T10:00:00Z')
      await deliver(merge(master.sub, merged.sub)).expect(202)
      await runWorker()
      const draft = await draftOf(master.id)
      assert.deepEqual(draft?.answers, { course: 'newer-answers' })
      assert.equal(draft?.version, 8, 'past both versions, so an open form on either is refused')
      assert.equal(await draftOf(merged.id), undefined)

      const secondMaster = await seedUser()
      const secondMerged = await seedUser()
      await seedDraft(secondMaster.id, { course: 'master-newer' }, 3, '2026-11-21T10:00:00Z')
      await seedDraft(secondMerged.id, { course: 'merged-older' }, 9, '2026-11-10T10:00:00Z')
      await deliver(merge(secondMaster.sub, secondMerged.sub)).expect(202)
      await runWorker()
      assert.deepEqual((await draftOf(secondMaster.id))?.answers, { course: 'master-newer' })
      assert.equal(await draftOf(secondMerged.id), undefined)
    })

    it('gives the merged account the master’s id when the master has never signed in here', async () => {
      const merged = await seedUser()
      const application = await seedApplication(merged.id, 'npq-headship')
      const masterSub = nextSub()
      const message = merge(masterSub, merged.sub)
      await deliver(message).expect(202)
      await runWorker()
      const row = await userById(merged.id)
      assert.equal(row.sub, masterSub)
      assert.equal(row.merged_into_user_id, null)
      assert.deepEqual(await applicationsOf(merged.id), [application])
      assert.equal((await storedMessage(message.notificationId)).outcome, 'master_sub_adopted')
    })

    it('changes nothing when the merged account never signed in here, or neither did', async () => {
      const master = await seedUser()
      const application = await seedApplication(master.id, 'npq-headship')
      const onlyMaster = merge(master.sub, nextSub())
      const neither = merge(nextSub(), nextSub())
      const usersBefore = await db().selectFrom('users').selectAll().orderBy('id').execute()
      await deliver(onlyMaster).expect(202)
      await deliver(neither).expect(202)
      await runWorker()
      assert.deepEqual(await db().selectFrom('users').selectAll().orderBy('id').execute(), usersBefore)
      assert.deepEqual(await applicationsOf(master.id), [application])
      assert.equal((await storedMessage(onlyMaster.notificationId)).outcome, 'ignored_merged_user_unknown')
      assert.equal((await storedMessage(neither.notificationId)).outcome, 'ignored_unknown_users')
    })

    it('hands on to the account a master was itself merged into, when the merges arrive out of order', async () => {
      const first = await seedUser()
      const second = await seedUser()
      const third = await seedUser()
      const application = await seedApplication(first.id, 'npq-headship')
      // The identity service merged `first` into `second`, then `second` into `third`; the second merge arrives first.
      await deliver(merge(third.sub, second.sub)).expect(202)
      await runWorker()
      await deliver(merge(second.sub, first.sub)).expect(202)
      await runWorker()
      assert.deepEqual(await applicationsOf(third.id), [application])
      assert.equal((await userById(first.id)).merged_into_user_id, third.id)
    })

    it('updates the master by its id after a merge in which the merged account took it', async () => {
      const merged = await seedUser({ email: 'merged@example.com' })
      const masterSub = nextSub()
      await deliver(merge(masterSub, merged.sub)).expect(202)
      await runWorker()
      clock.advance(1000)
      await deliver(userUpdated(masterSub, { emailAddress: 'master@example.com' })).expect(202)
      await runWorker()
      assert.equal((await userById(merged.id)).email, 'master@example.com')
    })
  })
})
