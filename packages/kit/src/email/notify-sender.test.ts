import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fixedClock } from '../clock.ts'
import { ConfigurationError } from '../config.ts'
import { PermanentJobFailure } from '../outbox/worker.ts'
import { createEmailSender, notifyTemplateIdsFromEnv } from './configure.ts'
import { createNotifySender, type NotifyHttpRequest, type NotifyHttpResponse } from './notify-sender.ts'

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506'
const API_KEY = `teacher_services_test-${SERVICE_ID}-3d844edf-8d35-48ac-975b-e847b4f122b0`
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a'

/** Stands in for the HTTP client, recording what Notify would have been sent. */
function fakeNotify(answer: (request: NotifyHttpRequest) => NotifyHttpResponse | Promise<NotifyHttpResponse>) {
  const requests: NotifyHttpRequest[] = []
  return {
    requests,
    httpClient: async (request: NotifyHttpRequest) => {
      requests.push(request)
      return answer(request)
    },
  }
}

const email = { id: 42, to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '123456' }, reference: 'identity-42' }

function jwtClaims(authorization: string | undefined): Record<string, unknown> {
  const token = authorization?.replace(/^Bearer /, '') ?? ''
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
}

describe('the GOV.UK Notify sender', () => {
  it("posts the template id, address, personalisation and reference to Notify's email endpoint, signed with the key", async () => {
    const notify = fakeNotify(() => ({ status: 201, data: { id: 'notification-1', content: {} } }))
    const sender = createNotifySender({ apiKey: API_KEY, templateIds: { 'sign-in-code': TEMPLATE_ID }, httpClient: notify.httpClient })
    const sent = await sender.send(email)
    assert.deepEqual(sent, { sentWith: 'notify', providerReference: 'notification-1' })
    assert.equal(notify.requests.length, 1)
    const [request] = notify.requests
    assert.equal(request?.method, 'post')
    assert.equal(request?.url, 'https://api.notifications.service.gov.uk/v2/notifications/email')
    assert.deepEqual(request?.data, { template_id: TEMPLATE_ID, email_address: 'ada@example.com', personalisation: { code: '123456' }, reference: 'identity-42' })
    assert.equal(jwtClaims(request?.headers.Authorization).iss, SERVICE_ID)
  })

  it('treats Notify refusing the request (400) as final, and an outage or rate limit as worth trying again', async () => {
    const refusing = createNotifySender({
      apiKey: API_KEY,
      templateIds: { 'sign-in-code': TEMPLATE_ID },
      httpClient: fakeNotify(() => ({ status: 400, data: { errors: [{ error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" }] } })).httpClient,
    })
    await assert.rejects(refusing.send(email), (error: unknown) => {
      assert.ok(error instanceof PermanentJobFailure)
      assert.match(error.message, /400 \(BadRequestError: Can't send to this recipient using a team-only API key\)/)
      return true
    })
    for (const status of [429, 500, 503]) {
      const failing = createNotifySender({ apiKey: API_KEY, templateIds: { 'sign-in-code': TEMPLATE_ID }, httpClient: fakeNotify(() => ({ status, data: 'Bad gateway' })).httpClient })
      await assert.rejects(failing.send(email), (error: unknown) => !(error instanceof PermanentJobFailure) && new RegExp(`answered ${status}`).test((error as Error).message))
    }
    const unreachable = createNotifySender({ apiKey: API_KEY, templateIds: { 'sign-in-code': TEMPLATE_ID }, httpClient: () => Promise.reject(new Error('ECONNRESET')) })
    await assert.rejects(unreachable.send(email), (error: unknown) => !(error instanceof PermanentJobFailure))
  })

  it('refuses, for good, a template with no Notify id, without calling Notify', async () => {
    const notify = fakeNotify(() => ({ status: 201, data: { id: 'x' } }))
    const sender = createNotifySender({ apiKey: API_KEY, templateIds: {}, httpClient: notify.httpClient })
    await assert.rejects(sender.send(email), PermanentJobFailure)
    assert.equal(notify.requests.length, 0)
  })

  it('refuses to start with a key that is not a Notify API key', () => {
    assert.throws(() => createNotifySender({ apiKey: 'not-a-key', templateIds: {} }), ConfigurationError)
  })
})

describe('choosing the email sender from configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'choose-sender-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const templates = { 'sign-in-code': { subject: 'Code', body: '((code))' }, 'trn-found': { subject: 'Found', body: 'Found' } }

  it('uses the local outbox when no Notify key is set', () => {
    assert.equal(createEmailSender({ service: 'identity', templates, dataDir, clock, notify: { apiKey: undefined, templateIds: {} } }).name, 'local_outbox')
  })

  it('uses Notify when a key is set, reading a template id per template from the environment', () => {
    const env = { IDENTITY_NOTIFY_TEMPLATE_SIGN_IN_CODE: TEMPLATE_ID, IDENTITY_NOTIFY_TEMPLATE_TRN_FOUND: ` ${TEMPLATE_ID} ` }
    const templateIds = notifyTemplateIdsFromEnv(env, 'IDENTITY_', templates)
    assert.deepEqual(templateIds, { 'sign-in-code': TEMPLATE_ID, 'trn-found': TEMPLATE_ID })
    assert.equal(createEmailSender({ service: 'identity', templates, dataDir, clock, notify: { apiKey: API_KEY, templateIds } }).name, 'notify')
  })

  it('names every missing template id when a key is set', () => {
    assert.throws(
      () => createEmailSender({ service: 'identity', templates, dataDir, clock, notify: { apiKey: API_KEY, templateIds: {}, variablePrefix: 'IDENTITY_' } }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError)
        assert.deepEqual(
          error.problems.map((problem) => problem.split(':')[0]),
          ['IDENTITY_NOTIFY_TEMPLATE_SIGN_IN_CODE', 'IDENTITY_NOTIFY_TEMPLATE_TRN_FOUND'],
        )
        return true
      },
    )
  })
})
