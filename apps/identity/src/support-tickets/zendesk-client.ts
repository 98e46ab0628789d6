// The few Zendesk calls the support tickets make, through node-zendesk, behind an interface tests can replace.
import zendesk from 'node-zendesk'
import type { ZendeskSettings } from './zendesk-settings.ts'

export type ZendeskTicketRequest = {
  subject: string
  /** Plain text; it becomes a private note, never an email to the requester (it names other people's records). */
  body: string
  requester: { name: string; email: string }
  tags: string[]
}

export type ZendeskTickets = {
  create(ticket: ZendeskTicketRequest, options: { externalId: string }): Promise<{ id: number }>
  /** The ticket created with this external id, if any (the oldest, should there be several). */
  findByExternalId(externalId: string): Promise<{ id: number } | null>
  /** Adds a private note to a ticket. */
  addNote(ticketId: number, body: string): Promise<void>
  /** Sets a ticket's status to solved, with a private note saying why, in one update. */
  solve(ticketId: number, note: string): Promise<void>
  /** The text of every comment on a ticket, its description first. */
  commentsOf(ticketId: number): Promise<string[]>
}

/** Zendesk refused the request as it stands (400, 422): sending it again cannot help. */
export class ZendeskRefused extends Error {
  readonly status: number
  constructor(status: number, what: string) {
    super(`Zendesk refused ${what} (${status})`)
    this.name = 'ZendeskRefused'
    this.status = status
  }
}

export type ZendeskClientOptions = {
  /** Instead of https://<subdomain>.zendesk.com/api/v2 (tests point it at a fake server). */
  endpointUri?: string
  /** Each request is abandoned after this long; well within the outbox lease, so a slow Zendesk never runs a job twice at once. */
  timeoutMs?: number
  fetch?: typeof fetch
}

const REFUSED_STATUSES = new Set([400, 422])

export function createZendeskTickets(settings: ZendeskSettings, options: ZendeskClientOptions = {}): ZendeskTickets {
  const send = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const client = zendesk.createClient({
    subdomain: settings.subdomain,
    username: settings.user,
    token: settings.token,
    ...(options.endpointUri ? { endpointUri: options.endpointUri.replace(/\/+$/, '') } : {}),
    // The original error keeps its HTTP status, which tells "refused" from "try again".
    throwOriginalException: true,
    // Node's own fetch with a deadline, in place of the library's default transport (which never gives up).
    transportConfig: {
      transportFn: (uri: string, request: { method: string; headers: Record<string, string>; body?: string }) =>
        send(uri, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) }),
      responseAdapter: (response: Response) => ({
        json: () => response.json(),
        status: response.status,
        headers: { get: (name: string) => response.headers.get(name) },
        statusText: response.statusText,
      }),
    },
  })

  return {
    async create(ticket, { externalId }) {
      const { result } = await call('the new ticket', () =>
        client.tickets.create({
          ticket: {
            subject: ticket.subject,
            comment: { body: ticket.body, public: false },
            requester: ticket.requester,
            external_id: externalId,
            tags: ticket.tags,
          },
        }),
      )
      return { id: ticketId(result, 'creating a ticket') }
    },

    async findByExternalId(externalId) {
      // The tickets list filtered by external id reads Zendesk's database; search reads an index that can lag by
      // minutes, long enough to miss a ticket created by an attempt whose answer was lost.
      const tickets = await call('the ticket lookup', () => client.tickets.listWithFilter('external_id', externalId))
      const ids = asList(tickets, 'listing tickets')
        .filter((ticket) => (ticket as { external_id?: unknown }).external_id === externalId)
        .map((ticket) => ticketId(ticket, 'listing tickets'))
      return ids.length > 0 ? { id: Math.min(...ids) } : null
    },

    async addNote(id, body) {
      const { result } = await call('the note', () => client.tickets.update(id, { ticket: { comment: { body, public: false } } }))
      ticketId(result, 'adding a note')
    },

    async solve(id, note) {
      const { result } = await call('the solved ticket', () => client.tickets.update(id, { ticket: { status: 'solved', comment: { body: note, public: false } } }))
      ticketId(result, 'solving a ticket')
    },

    async commentsOf(id) {
      const comments = await call('the comments request', () => client.tickets.getComments(id))
      return asList(comments, 'listing comments').map((comment) => {
        const body = (comment as { body?: unknown; plain_body?: unknown }).body ?? (comment as { plain_body?: unknown }).plain_body
        return typeof body === 'string' ? body : ''
      })
    },
  }
}

/** Runs one library call, turning its failures into errors that say what happened without echoing what was sent. */
async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode
    if (typeof status === 'number' && REFUSED_STATUSES.has(status)) throw new ZendeskRefused(status, what)
    if (typeof status === 'number') throw new Error(`Zendesk answered ${status} to ${what}`, { cause: error })
    const name = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'got no answer'
    throw new Error(`Zendesk: ${what} ${name}`, { cause: error })
  }
}

// node-zendesk hands some failures back as the result rather than throwing them (a response with Retry-After, an
// empty body, a status it does not know): whatever lacks a ticket id is a failure.
function ticketId(result: unknown, doing: string): number {
  if (result instanceof Error) throw new Error(`Zendesk: ${doing} failed (${(result as { statusCode?: unknown }).statusCode ?? 'no status'})`)
  const id = (result as { id?: unknown } | null)?.id
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new Error(`Zendesk: ${doing} gave no ticket id`)
  return id
}

function asList(result: unknown, doing: string): unknown[] {
  if (!Array.isArray(result)) throw new Error(`Zendesk: ${doing} gave no list`)
  const failure = result.find((item) => item instanceof Error)
  if (failure) throw new Error(`Zendesk: ${doing} failed (${(failure as { statusCode?: unknown }).statusCode ?? 'no status'})`)
  return result
}
