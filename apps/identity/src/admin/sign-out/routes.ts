import type { AdminDependencies } from '../dependencies.ts'
import { recordAdminEvent } from '../shared/events.ts'
import { ADMIN_PATH } from '../shared/paths.ts'
import { staffOf } from '../shared/require-staff.ts'
import type { AdminRoutes } from '../shared/routes.ts'

/** /admin/sign-out: a page with a button (signing out is a form post, so no other site can do it for them). */
export function signOutPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/sign-out', 'staff', (_req, res) => {
    res.render('admin/sign-out/sign-out', { backLink: ADMIN_PATH })
  })

  routes.post('/sign-out', 'staff', async (req, res) => {
    const staff = staffOf(res)
    await recordAdminEvent(dependencies.db, { type: 'staff_signed_out', by: staff, occurredAt: dependencies.clock.now() })
    // The whole session goes: the session id, the CSRF token and anything else it held.
    await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())))
    res.redirect(303, `${ADMIN_PATH}/sign-in?signedOut=true`)
  })
}
