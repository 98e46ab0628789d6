import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import { signWebhook, verifyWebhook, type IncomingHeaders } from './signing.ts'

const SECRET = '4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a4f1c2a9e0b7d6c5a'
const OLD_SECRET = 'an-older-secret-that-is-still-accepted-for-a-while'
const BODY = '{"notificationId":"7c0a6b1e-1f3e-4c1d-9a55-2b8f0e6f4d21","timeUtc":"2026-11-22T12:00:00Z","messageType":"Ping","message":{}}'
const SIGNED_AT = new Date('2026-11-22T12:00:00.750Z')
const SIGNED_AT_SECONDS = 1795348800

/** Node hands a receiver its headers with lower-case names. */
const asReceived = (headers: Record<string, string | undefined>): IncomingHeaders =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

const verify = (headers: IncomingHeaders, overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
  verifyWebhook({ secrets: [SECRET], body: BODY, headers, now: SIGNED_AT, ...overrides })

describe('signWebhook', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as lower-case hex, with the time in whole Unix seconds', () => {
    const headers = signWebhook({ secret: SECRET, body: BODY, timestamp: SIGNED_AT })
    const expected = createHmac('sha256', SECRET).update(`${SIGNED_AT_SECONDS}.${BODY}`).digest('hex')
    assert.deepEqual(headers, { 'X-Webhook-Timestamp': String(SIGNED_AT_SECONDS), 'X-Hub-Signature-256': `sha256=${expected}` })
  })

  it('repeats the notification id in X-Webhook-Id when given', () => {
    const headers = signWebhook({ secret: SECRET, body: BODY, timestamp: SIGNED_AT, notificationId: 'n-1' })
    assert.equal(headers['X-Webhook-Id'], 'n-1')
  })

  it('gives the same signature for the body as a string and as its UTF-8 bytes', () => {
    const body = '{"name":"Siân Ó Briain"}'
    assert.deepEqual(signWebhook({ secret: SECRET, body, timestamp: SIGNED_AT }), signWebhook({ secret: SECRET, body: Buffer.from(body, 'utf8'), timestamp: SIGNED_AT }))
  })

  it('refuses an empty secret', () => {
    assert.throws(() => signWebhook({ secret: '', body: BODY, timestamp: SIGNED_AT }), /must not be empty/)
  })
})

describe('verifyWebhook', () => {
  const signed = asReceived(signWebhook({ secret: SECRET, body: BODY, timestamp: SIGNED_AT }))

  it('accepts a body signed with the secret, as a string or as the raw bytes received', () => {
    assert.deepEqual(verify(signed), { ok: true, secretIndex: 0, timestamp: SIGNED_AT_SECONDS })
    assert.equal(verify(signed, { body: Buffer.from(BODY) }).ok, true)
  })

  it('reads header names in any case', () => {
    assert.equal(verify(signWebhook({ secret: SECRET, body: BODY, timestamp: SIGNED_AT })).ok, true)
  })

  it('accepts upper-case hex, as the previous identity service sent it', () => {
    const signature = String(signed['x-hub-signature-256'])
    assert.equal(verify({ ...signed, 'x-hub-signature-256': `sha256=${signature.slice(7).toUpperCase()}` }).ok, true)
  })

  it('accepts the old and the new secret while a secret is being rotated, and says which matched', () => {
    const secrets = [SECRET, OLD_SECRET]
    const withOld = asReceived(signWebhook({ secret: OLD_SECRET, body: BODY, timestamp: SIGNED_AT }))
    assert.deepEqual(verify(withOld, { secrets }), { ok: true, secretIndex: 1, timestamp: SIGNED_AT_SECONDS })
    assert.deepEqual(verify(signed, { secrets }), { ok: true, secretIndex: 0, timestamp: SIGNED_AT_SECONDS })
    assert.equal(verify(withOld).ok, false, 'once the old secret is removed it is refused')
  })

  it('refuses a request without a signature', () => {
    const { 'x-hub-signature-256': _signature, ...unsigned } = signed
    assert.equal(pick(verify(unsigned)), 'missing_signature')
    assert.equal(pick(verify({ ...signed, 'x-hub-signature-256': '  ' })), 'missing_signature')
  })

  it('refuses a request without a usable timestamp', () => {
    const { 'x-webhook-timestamp': _timestamp, ...untimed } = signed
    assert.equal(pick(verify(untimed)), 'missing_timestamp')
    assert.equal(pick(verify({ ...signed, 'x-webhook-timestamp': '2026-11-22T12:00:00Z' })), 'missing_timestamp')
    assert.equal(pick(verify({ ...signed, 'x-webhook-timestamp': '-5' })), 'missing_timestamp')
  })

  it('refuses a timestamp more than the tolerance away from now, in the past or the future', () => {
    assert.equal(verify(signed, { now: new Date(SIGNED_AT.getTime() + 300_000) }).ok, true, 'exactly 5 minutes late is still accepted')
    assert.equal(pick(verify(signed, { now: new Date(SIGNED_AT.getTime() + 301_000) })), 'stale_timestamp')
    assert.equal(pick(verify(signed, { now: new Date(SIGNED_AT.getTime() - 301_000) })), 'stale_timestamp')
    assert.equal(verify(signed, { now: new Date(SIGNED_AT.getTime() + 3_600_000), toleranceSeconds: 3600 }).ok, true)
  })

  it('refuses a signature that does not match the body, the timestamp or the secret', () => {
    assert.equal(pick(verify(signed, { body: BODY.replace('Ping', 'Pong') })), 'bad_signature', 'the body was changed')
    assert.equal(pick(verify({ ...signed, 'x-webhook-timestamp': String(SIGNED_AT_SECONDS + 1) })), 'bad_signature', 'the timestamp was changed')
    assert.equal(pick(verify(signed, { secrets: [OLD_SECRET] })), 'bad_signature', 'another secret')
  })

  it('refuses signature headers in another form', () => {
    const hex = String(signed['x-hub-signature-256']).slice(7)
    for (const value of [hex, `sha1=${hex}`, `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${hex.replace(/^../, 'zz')}`, `sha256=${hex},sha256=${hex}`]) {
      assert.equal(pick(verify({ ...signed, 'x-hub-signature-256': value })), 'bad_signature', value)
    }
  })

  it('refuses headers given more than once', () => {
    assert.equal(pick(verify({ ...signed, 'x-hub-signature-256': [String(signed['x-hub-signature-256']), 'sha256=00'] })), 'missing_signature')
  })

  it('gives every refusal a message for people', () => {
    const result = verify({})
    assert.ok(!result.ok && result.message.includes('X-Hub-Signature-256'))
  })

  it('insists on a secret to check against', () => {
    assert.throws(() => verify(signed, { secrets: [] }), /At least one webhook secret/)
    assert.throws(() => verify(signed, { secrets: [''] }), /At least one webhook secret/)
  })
})

function pick(result: ReturnType<typeof verifyWebhook>): string {
  return result.ok ? 'ok' : result.code
}
