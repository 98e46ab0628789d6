import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { findAccountBySub } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { accountName } from '../../shared/format.ts'
import { PAGE_SIZE, pageNumber, pagination } from '../../shared/paging.ts'
import { userPath } from '../../shared/paths.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import { adminDb } from '../../schema.ts'
import { describeEvent } from './describe-event.ts'

/** /admin/users/:sub/history: every event about the person, newest first: who, what, when, before and after. */
export function historyPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/users/:sub/history', 'support', async (req, res) => {
    const user = await findAccountBySub(dependencies.db, req.params.sub as string)
    if (!user) throw pageNotFoundError()
    const page = pageNumber(req.query.page)
    const db = adminDb(dependencies.db)
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('user_sub', '=', user.sub)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE + 1)
      .offset((page - 1) * PAGE_SIZE)
      .execute()
    // Events name staff by id and keep their address; older ones are looked up.
    const staffIds = [...new Set(rows.map((row) => /^staff:(.+)$/.exec(row.actor)?.[1]).filter((id): id is string => id !== undefined))]
    const staff = staffIds.length > 0 ? await db.selectFrom('staff_users').select(['id', 'email']).where('id', 'in', staffIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id))).execute() : []
    const staffEmails = new Map(staff.map((member) => [member.id, member.email]))
    const events = rows.slice(0, PAGE_SIZE).map((row) =>
      describeEvent({ id: row.id, eventType: row.event_type, actor: row.actor, userSub: row.user_sub, clientId: row.client_id, occurredAt: row.occurred_at, details: row.details }, staffEmails),
    )
    res.render('admin/users/history/history', {
      user,
      name: accountName(user),
      events,
      page,
      pagination: pagination(userPath(user.sub, 'history'), page, rows.length),
      backLink: userPath(user.sub),
    })
  })
}
