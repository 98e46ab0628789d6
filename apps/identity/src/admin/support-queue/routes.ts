import { openTickets } from '../../support-tickets/support-tickets.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { formatDateTime, fullName, TICKET_REASON_TEXT } from '../shared/format.ts'
import { PAGE_SIZE, pageNumber, pagination } from '../shared/paging.ts'
import { userPath } from '../shared/paths.ts'
import type { AdminRoutes } from '../shared/routes.ts'

/** /admin/support-queue: open requests to link a teaching record, oldest first (the built-in helpdesk). */
export function supportQueuePages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/support-queue', 'support', async (req, res) => {
    const page = pageNumber(req.query.page)
    const tickets = await openTickets(dependencies.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE })
    const rows = tickets.slice(0, PAGE_SIZE).map((ticket) => ({
      name: fullName(ticket.snapshot.person) || ticket.snapshot.person.email,
      email: ticket.snapshot.person.email,
      href: userPath(ticket.userSub),
      raised: formatDateTime(ticket.createdAt),
      reason: TICKET_REASON_TEXT[ticket.reason] ?? ticket.reason,
      service: ticket.snapshot.client.name,
      furtherLookups: ticket.furtherLookups.length,
      zendesk: ticket.destination === 'zendesk',
    }))
    res.render('admin/support-queue/support-queue', { rows, page, pagination: pagination('/admin/support-queue', page, tickets.length) })
  })
}
