import { NotifyClient } from 'notifications-node-client'
import { ConfigurationError } from '../config.ts'
import { PermanentJobFailure } from '../outbox/worker.ts'
import type { EmailSender } from './sender.ts'

export type NotifyHttpRequest = { method: string; url: string; data?: unknown; headers: Record<string, string> }
export type NotifyHttpResponse = { status: number; data: unknown }
/** Answers with whatever status the API gave; only a failure to get an answer at all rejects. */
export type NotifyHttpClient = (request: NotifyHttpRequest) => Promise<NotifyHttpResponse>

/** An API key is `{name}-{service id}-{secret}`, the last two being UUIDs. */
const NOTIFY_API_KEY = /^[A-Za-z0-9_-]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Calls Notify with fetch, giving up after `timeoutMs` so an outbox lease never runs out under a hung request. */
export function fetchNotifyHttpClient(timeoutMs = 15_000): NotifyHttpClient {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method.toUpperCase(),
      headers: { ...request.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: request.data === undefined ? undefined : JSON.stringify(request.data),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      // Not JSON (a proxy's error page): keep the text for the error message.
    }
    return { status: response.status, data }
  }
}

function describeErrors(data: unknown): string {
  const errors = (data as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return typeof data === 'string' ? data.slice(0, 200) : 'no details'
  return errors.map((error: { error?: unknown; message?: unknown }) => `${String(error.error)}: ${String(error.message)}`).join('; ')
}

/**
 * Sends through GOV.UK Notify. `templateIds` maps each of the service's template names to the Notify template's id.
 * Notify refusing a request (400: an invalid address, a missing placeholder, a team-only key) is permanent; anything
 * else (outage, rate limit, a key being rotated) is worth trying again.
 */
export function createNotifySender(options: {
  apiKey: string
  templateIds: Record<string, string>
  httpClient?: NotifyHttpClient
  baseUrl?: string
}): EmailSender {
  if (!NOTIFY_API_KEY.test(options.apiKey)) throw new ConfigurationError(['The GOV.UK Notify API key is not in the form name-serviceid-secret'])
  const client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey)
  // The client calls this with axios-style request options; ours answers without throwing on error statuses.
  client.setClient((options.httpClient ?? fetchNotifyHttpClient()) as never)
  return {
    name: 'notify',
    async send(email) {
      const templateId = options.templateIds[email.template]
      if (!templateId) throw new PermanentJobFailure(`No GOV.UK Notify template id is configured for ${email.template}`)
      const response = (await client.sendEmail(templateId, email.to, {
        personalisation: email.personalisation,
        ...(email.reference ? { reference: email.reference } : {}),
      })) as unknown as NotifyHttpResponse
      if (response.status >= 200 && response.status < 300) {
        const id = (response.data as { id?: unknown } | null)?.id
        return { sentWith: 'notify', providerReference: typeof id === 'string' ? id : null }
      }
      const message = `GOV.UK Notify answered ${response.status} (${describeErrors(response.data)})`
      if (response.status === 400) throw new PermanentJobFailure(message)
      throw new Error(message)
    },
  }
}
