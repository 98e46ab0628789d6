import type { Request, Response, Router } from 'express'
import type { Kysely } from 'kysely'
import type { IdentitySchema } from '../../database/schema.ts'
import type { StaffRole } from '../schema.ts'
import { requireStaff } from './require-staff.ts'

/**
 * Who may use a route: anyone (signing in), any signed-in member of staff (signing out), or staff with a role.
 * Every route of the console is declared through this, so none can go without a guard; the authorisation test reads
 * the router's own route list and tries each one as every kind of visitor.
 */
export type Access = 'public' | 'staff' | StaffRole

export type AdminHandler = (req: Request, res: Response) => Promise<void> | void

export type AdminRoutes = {
  get(path: string, access: Access, handler: AdminHandler): void
  post(path: string, access: Access, handler: AdminHandler): void
}

export function adminRoutes(router: Router, db: Kysely<IdentitySchema>): AdminRoutes {
  const guards = (access: Access) => (access === 'public' ? [] : [requireStaff(db, access === 'staff' ? undefined : access)])
  return {
    get(path, access, handler) {
      router.get(path, ...guards(access), handler)
    },
    post(path, access, handler) {
      router.post(path, ...guards(access), handler)
    },
  }
}
