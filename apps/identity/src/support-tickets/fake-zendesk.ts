// For tests: the parts of Zendesk's Support API that node-zendesk calls for us, on a free port, with the faults
// Zendesk shows in real life (refusing connections, 503, rate limits, answers lost after the work was done).
import { Buffer } from 'node:buffer'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeZendeskTicket = {
  id: number
  external_id: string | null
  /** `new` when created; a PUT may change it (we set `solved`). */
  status: string
  subject: string
  description: string
  requester: { name?: string; email?: string }
  tags: string[]
  comments: Array<{ id: number; body: string; public: boolean }>
}

/**
 * `unavailable`: 503; `rate_limited`: 429 with Retry-After; `hang`: no answer at all. Writes only: `lose_answer` (the
 * write is done, then the connection dropped) and `refuse_content` (422, as for a record Zendesk finds invalid).
 */
export type Fault = 'unavailable' | 'rate_limited' | 'lose_answer' | 'refuse_content' | 'hang'

const WRITE_FAULTS = new Set<Fault>(['lose_answer', 'refuse_content'])

export type FakeZendesk = {
  /** The API root to give node-zendesk as its endpoint URI. */
  endpointUri: string
  tickets: FakeZendeskTicket[]
  /** Every request that reached the server, in order. */
  requests: Array<{ method: string; path: string; authorization: string | undefined }>
  /** The next `times` requests (writes, for the faults only writes meet) meet this fault. */
  failNext(fault: Fault, times?: number): void
  /** Stops listening: connections are refused until `comeBack`. */
  goDown(): Promise<void>
  comeBack(): Promise<void>
  close(): Promise<void>
}

export async function startFakeZendesk(credentials: { user: string; token: string }): Promise<FakeZendesk> {
  const expectedAuthorization = `Basic ${Buffer.from(`${credentials.user}/token:${credentials.token}`).toString('base64')}`
  const tickets: FakeZendeskTicket[] = []
  const requests: FakeZendesk['requests'] = []
  let faults: Fault[] = []
  let nextId = 1001
  let nextCommentId = 5001
  const hanging = new Set<ServerResponse>()

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, { error: 'InternalError' }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://zendesk.test')
    const method = req.method ?? 'GET'
    requests.push({ method, path: `${url.pathname}${url.search}`, authorization: req.headers.authorization })
    const text = await readBody(req)
    const isWrite = method === 'POST' || method === 'PUT'

    const faultIndex = faults.findIndex((fault) => isWrite || !WRITE_FAULTS.has(fault))
    const fault = faultIndex >= 0 ? faults[faultIndex] : undefined
    if (fault) faults.splice(faultIndex, 1)
    if (fault === 'unavailable') return send(res, 503, { error: 'Service Unavailable' })
    if (fault === 'rate_limited') return send(res, 429, { error: 'TooManyRequests' }, { 'Retry-After': '30' })
    if (fault === 'refuse_content') return send(res, 422, { error: 'RecordInvalid', description: 'Record validation errors' })
    if (fault === 'hang') {
      hanging.add(res)
      return
    }
    if (req.headers.authorization !== expectedAuthorization) return send(res, 401, { error: 'Couldn\'t authenticate you' })

    const answer = (status: number, body: unknown): void => {
      if (fault === 'lose_answer') res.socket?.destroy()
      else send(res, status, body)
    }
    const ticketPath = /^\/api\/v2\/tickets\/(\d+)(\/comments)?\.json$/.exec(url.pathname)

    if (method === 'POST' && url.pathname === '/api/v2/tickets.json') {
      const { ticket } = JSON.parse(text || '{}') as { ticket?: { subject?: string; comment?: { body?: string; public?: boolean }; requester?: { name?: string; email?: string }; external_id?: string; tags?: string[] } }
      if (!ticket?.comment?.body || !ticket.requester?.email) return send(res, 422, { error: 'RecordInvalid' })
      const created: FakeZendeskTicket = {
        id: nextId++,
        external_id: ticket.external_id ?? null,
        status: 'new',
        subject: ticket.subject ?? '',
        description: ticket.comment.body,
        requester: ticket.requester,
        tags: ticket.tags ?? [],
        comments: [{ id: nextCommentId++, body: ticket.comment.body, public: ticket.comment.public ?? true }],
      }
      tickets.push(created)
      return answer(201, { ticket: view(created) })
    }
    if (method === 'GET' && url.pathname === '/api/v2/tickets.json') {
      const externalId = url.searchParams.get('external_id')
      const found = tickets.filter((ticket) => externalId === null || ticket.external_id === externalId)
      return send(res, 200, { tickets: found.map(view), meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { prev: null, next: null } })
    }
    const ticket = ticketPath ? tickets.find((candidate) => candidate.id === Number(ticketPath[1])) : undefined
    if (ticketPath && !ticket) return send(res, 404, { error: 'RecordNotFound' })
    if (ticket && method === 'GET' && ticketPath?.[2]) {
      return send(res, 200, { comments: ticket.comments, meta: { has_more: false }, links: { prev: null, next: null } })
    }
    if (ticket && method === 'PUT' && !ticketPath?.[2]) {
      const { ticket: update } = JSON.parse(text || '{}') as { ticket?: { status?: string; comment?: { body?: string; public?: boolean } } }
      if (update?.status) ticket.status = update.status
      if (update?.comment?.body) ticket.comments.push({ id: nextCommentId++, body: update.comment.body, public: update.comment.public ?? true })
      return answer(200, { ticket: view(ticket), audit: {} })
    }
    send(res, 404, { error: 'InvalidEndpoint' })
  }

  const port = await listen(server, 0)
  return {
    endpointUri: `http://127.0.0.1:${port}/api/v2`,
    tickets,
    requests,
    failNext(fault, times = 1) {
      faults = [...faults, ...Array.from({ length: times }, () => fault)]
    },
    async goDown() {
      releaseHanging()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
    async comeBack() {
      await listen(server, port)
    },
    async close() {
      releaseHanging()
      if (!server.listening) return
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }

  function releaseHanging() {
    for (const res of hanging) res.socket?.destroy()
    hanging.clear()
  }
}

function view(ticket: FakeZendeskTicket) {
  const { comments: _comments, ...rest } = ticket
  return { ...rest, url: `https://fake.zendesk.com/api/v2/tickets/${ticket.id}.json` }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
