import type { AdminDependencies } from '../dependencies.ts'
import { takeFlash } from '../shared/flash.ts'
import { staffOf } from '../shared/require-staff.ts'
import type { AdminRoutes } from '../shared/routes.ts'
import { adminDb } from '../schema.ts'
import { hasRole } from '../staff/staff-users.ts'

/** /admin: how many people are waiting in the support queue, and where everything is. */
export function dashboardPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/', 'support', async (req, res) => {
    const { open } = await adminDb(dependencies.db)
      .selectFrom('support_tickets')
      .select((eb) => eb.fn.countAll<string>().as('open'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    res.render('admin/dashboard/dashboard', { openTickets: Number(open), isAdmin: hasRole(staffOf(res), 'admin'), banner: takeFlash(req) })
  })
}
