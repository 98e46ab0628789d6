import { createHmac, timingSafeEqual } from 'node:crypto'

/** The headers a webhook carries; see README.md beside this file for what a client service does with them. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Hub-Signature-256'
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Webhook-Timestamp'
export const WEBHOOK_ID_HEADER = 'X-Webhook-Id'

/** How far a timestamp may be from the receiver's clock, either way, before the message is refused as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300

const SIGNATURE_PREFIX = 'sha256='
const HEX_SHA256 = /^[0-9a-f]{64}$/i
const UNIX_SECONDS = /^[0-9]{1,12}$/

export type WebhookBody = string | Buffer

export type SignedWebhookHeaders = {
  'X-Webhook-Timestamp': string
  'X-Hub-Signature-256': string
  'X-Webhook-Id'?: string
}

export type WebhookVerificationErrorCode = 'missing_signature' | 'missing_timestamp' | 'stale_timestamp' | 'bad_signature'

export type WebhookVerification =
  | { ok: true; /** Which of the secrets matched: anything but 0 means the sender still uses an old one. */ secretIndex: number; timestamp: number }
  | { ok: false; code: WebhookVerificationErrorCode; message: string }

const unixSeconds = (instant: Date) => Math.floor(instant.getTime() / 1000)

function signatureOf(secret: string, timestamp: number, body: WebhookBody): Buffer {
  // The timestamp is inside the signed text, so a captured message cannot be replayed later with a fresh timestamp.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest()
}

/**
 * The headers that sign one delivery of `body` (the exact bytes sent) at `timestamp`. Sign each attempt afresh: a
 * retry hours later with the first attempt's timestamp would be refused as stale.
 */
export function signWebhook(options: { secret: string; body: WebhookBody; timestamp: Date; notificationId?: string }): SignedWebhookHeaders {
  if (options.secret.length === 0) throw new Error('A webhook secret must not be empty')
  const timestamp = unixSeconds(options.timestamp)
  return {
    'X-Webhook-Timestamp': String(timestamp),
    'X-Hub-Signature-256': SIGNATURE_PREFIX + signatureOf(options.secret, timestamp, options.body).toString('hex'),
    ...(options.notificationId === undefined ? {} : { 'X-Webhook-Id': options.notificationId }),
  }
}

export type IncomingHeaders = Record<string, string | string[] | undefined>

/** Header names are case-insensitive; Node gives them in lower case, other callers may not. */
function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue
    const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value
    const trimmed = single?.trim()
    return trimmed ? trimmed : undefined
  }
  return undefined
}

const failure = (code: WebhookVerificationErrorCode, message: string): WebhookVerification => ({ ok: false, code, message })

/**
 * Checks that `body` (the raw bytes received, before any parsing) was signed by a holder of one of `secrets` within
 * `toleranceSeconds` of `now`. Several secrets let a receiver accept the old and the new one while a secret is rotated.
 */
export function verifyWebhook(options: {
  secrets: readonly string[]
  body: WebhookBody
  headers: IncomingHeaders
  now: Date
  toleranceSeconds?: number
}): WebhookVerification {
  if (!options.secrets.some((secret) => secret.length > 0)) throw new Error('At least one webhook secret is needed to verify webhooks')
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS

  const signatureHeader = headerValue(options.headers, WEBHOOK_SIGNATURE_HEADER)
  if (!signatureHeader) return failure('missing_signature', `The ${WEBHOOK_SIGNATURE_HEADER} header is missing`)
  const timestampHeader = headerValue(options.headers, WEBHOOK_TIMESTAMP_HEADER)
  if (!timestampHeader || !UNIX_SECONDS.test(timestampHeader)) {
    return failure('missing_timestamp', `The ${WEBHOOK_TIMESTAMP_HEADER} header must be the signing time in Unix seconds`)
  }
  const timestamp = Number(timestampHeader)
  if (Math.abs(unixSeconds(options.now) - timestamp) > tolerance) {
    return failure('stale_timestamp', `The ${WEBHOOK_TIMESTAMP_HEADER} header is more than ${tolerance} seconds from our clock`)
  }

  const badSignature = failure('bad_signature', `The ${WEBHOOK_SIGNATURE_HEADER} header does not match the body`)
  if (!signatureHeader.toLowerCase().startsWith(SIGNATURE_PREFIX)) return badSignature
  const hex = signatureHeader.slice(SIGNATURE_PREFIX.length)
  if (!HEX_SHA256.test(hex)) return badSignature
  const received = Buffer.from(hex, 'hex')
  // Every secret is tried even after a match, so the time taken does not say which one matched.
  let matched = -1
  options.secrets.forEach((secret, index) => {
    if (secret.length > 0 && timingSafeEqual(signatureOf(secret, timestamp, options.body), received) && matched < 0) matched = index
  })
  return matched < 0 ? badSignature : { ok: true, secretIndex: matched, timestamp }
}
