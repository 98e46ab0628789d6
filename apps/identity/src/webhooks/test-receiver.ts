import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { verifyWebhook, type WebhookVerification } from '../../../../packages/kit/src/webhooks/signing.ts'
import type { Published, PublishedNotification } from './publish.ts'

/** Tests only: a client service's webhook endpoint on a real port, checking signatures as a real one must. */

/** The one notification a publish made, where every subscriber's client has the same match policy. */
export function onlyNotification(published: Published | null): PublishedNotification {
  const [notification, ...more] = published?.notifications ?? []
  if (!notification || more.length > 0) throw new Error(`expected one notification, got ${published?.notifications.length ?? 0}`)
  return notification
}

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders
  /** The raw body, as received. */
  body: string
  verification: WebhookVerification
  notificationId: string | null
  /** False when this notification id was seen before (the receiver answered without storing it again). */
  firstTime: boolean
}

/** What to answer: a status code, or `hang` to never answer. The default stores new notifications (202) once. */
export type Respond = (received: ReceivedWebhook) => number | 'hang'

export type TestReceiver = {
  readonly port: number
  url(path?: string): string
  /** Every request, in order, including refused and repeated ones. */
  readonly received: ReceivedWebhook[]
  /** Notification ids stored, each once. */
  readonly stored: string[]
  secrets: string[]
  respond: Respond
  stop(): Promise<void>
}

const defaultRespond: Respond = (received) => (!received.verification.ok ? 401 : received.firstTime ? 202 : 200)

/** Listens on `port` (0: any free one). */
export async function startTestReceiver(options: { clock: Clock; secrets?: string[]; port?: number; respond?: Respond }): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = []
  const stored: string[] = []
  const hanging = new Set<ServerResponse>()
  const receiver = {
    secrets: options.secrets ?? [],
    respond: options.respond ?? defaultRespond,
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const verification = receiver.secrets.length > 0
        ? verifyWebhook({ secrets: receiver.secrets, body, headers: req.headers, now: options.clock.now() })
        : ({ ok: false, code: 'bad_signature', message: 'the receiver has no secret' } as const)
      let notificationId: string | null = null
      if (verification.ok) {
        try {
          notificationId = String((JSON.parse(body) as { notificationId?: unknown }).notificationId)
        } catch {
          notificationId = null
        }
      }
      const firstTime = notificationId !== null && !stored.includes(notificationId)
      const entry: ReceivedWebhook = { headers: req.headers, body, verification, notificationId, firstTime }
      received.push(entry)
      const answer = receiver.respond(entry)
      if (answer === 'hang') {
        hanging.add(res)
        return
      }
      if (answer >= 200 && answer < 300 && firstTime && notificationId !== null) stored.push(notificationId)
      if (answer >= 300 && answer < 400) res.setHeader('Location', `http://127.0.0.1:${(server.address() as AddressInfo).port}/elsewhere`)
      res.statusCode = answer
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port

  return {
    port,
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    received,
    stored,
    get secrets() {
      return receiver.secrets
    },
    set secrets(secrets: string[]) {
      receiver.secrets = secrets
    },
    get respond() {
      return receiver.respond
    },
    set respond(respond: Respond) {
      receiver.respond = respond
    },
    async stop() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A port nothing listens on (for now): connecting to it is refused, as when a client service is down. */
export async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
