import type { Request, RequestHandler, Response } from 'express'
import type { Kysely } from 'kysely'
import { PageError } from '../../../../../packages/kit/src/web/errors.ts'
import type { IdentitySchema } from '../../database/schema.ts'
import type { StaffRole } from '../schema.ts'
import { findStaffById, hasRole, type StaffUser } from '../staff/staff-users.ts'
import { ADMIN_PATH, signInPath } from './paths.ts'

declare module 'express-session' {
  interface SessionData {
    /** The member of staff signed in to the support console in this browser (staff_users.id). */
    staffId?: string
  }
}

/** The console's 403 page: the console's own layout, and a way to sign in as someone else. */
export function consoleForbidden(signedIn: boolean): PageError {
  return new PageError(403, 'admin/shared/forbidden', { context: { signedIn } })
}

/** The member of staff `requireStaff` let through. */
export function staffOf(res: Response): StaffUser {
  const staff = res.locals.staff as StaffUser | undefined
  if (!staff) throw new Error('staffOf is only for handlers behind requireStaff')
  return staff
}

type NavigationItem = { text: string; href: string; active?: boolean }

function navigationFor(staff: StaffUser, req: Request): NavigationItem[] {
  const items: NavigationItem[] = [
    { text: 'Support queue', href: `${ADMIN_PATH}/support-queue` },
    { text: 'Users', href: `${ADMIN_PATH}/users` },
  ]
  if (hasRole(staff, 'admin')) {
    items.push({ text: 'Clients', href: `${ADMIN_PATH}/clients` }, { text: 'Staff', href: `${ADMIN_PATH}/staff` }, { text: 'Webhooks', href: `${ADMIN_PATH}/webhooks` })
  }
  items.push({ text: 'Sign out', href: `${ADMIN_PATH}/sign-out` })
  const path = `${req.baseUrl}${req.path}`
  return items.map((item) => (path === item.href || path.startsWith(`${item.href}/`) ? { ...item, active: true } : item))
}

/**
 * The guard in front of every console page but signing in. Only an active member of staff gets through (a teacher
 * signed in to their own account is no one here), and with `role`, only one who has it (admins have every role).
 * Someone not signed in as staff is sent to sign in when they ask for a page, and refused (403) when they post a form;
 * staff without the role see the 403 page. The staff row is read on every request, so deactivating someone or taking
 * a role away takes effect at once.
 */
export function requireStaff(db: Kysely<IdentitySchema>, role?: StaffRole): RequestHandler {
  return async (req, res, next) => {
    const staffId = req.session?.staffId
    const staff = staffId ? await findStaffById(db, staffId) : undefined
    if (!staff || !staff.active) {
      if (staffId) delete req.session.staffId
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, signInPath(req.originalUrl))
      throw consoleForbidden(false)
    }
    if (role && !hasRole(staff, role)) {
      res.locals.staff = staff
      res.locals.navigation = navigationFor(staff, req)
      throw consoleForbidden(true)
    }
    res.locals.staff = staff
    res.locals.navigation = navigationFor(staff, req)
    next()
  }
}
