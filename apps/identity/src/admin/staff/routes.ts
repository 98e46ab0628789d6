import type { Request, Response } from 'express'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../packages/kit/src/web/errors.ts'
import { formErrors, renderInvalidForm, enteredValues } from '../../../../../packages/kit/src/web/forms.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { redirectWithFlash, takeFlash } from '../shared/flash.ts'
import { formatDateTime } from '../shared/format.ts'
import { ADMIN_PATH } from '../shared/paths.ts'
import { confirmedField } from '../shared/reason.ts'
import { staffOf } from '../shared/require-staff.ts'
import type { AdminRoutes } from '../shared/routes.ts'
import { addStaff, findStaffById, listStaff, StaffError, updateStaff, type StaffUser } from './staff-users.ts'

const LIST_VIEW = 'admin/staff/list'
const FORM_VIEW = 'admin/staff/form'
const ACTIVE_VIEW = 'admin/staff/active'
const STAFF_PATH = `${ADMIN_PATH}/staff`

const ROLE_TEXT: Record<string, string> = { support: 'Support', admin: 'Admin' }
const rolesText = (staff: StaffUser) => staff.roles.map((role) => ROLE_TEXT[role] ?? role).join(', ') || 'None'

/** Checkboxes post nothing, one value or several. */
const rolesOf = (body: unknown): string[] => [(body as Record<string, unknown>).roles].flat().filter((role): role is string => typeof role === 'string' && role !== '')
const textOf = (body: unknown, field: string): string => {
  const value = (body as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : ''
}

async function staffOr404(dependencies: AdminDependencies, req: Request): Promise<StaffUser> {
  const staff = await findStaffById(dependencies.db, req.params.staffId as string)
  if (!staff) throw pageNotFoundError()
  return staff
}

function invalidStaff(res: Response, error: StaffError, context: Record<string, unknown>, body: unknown) {
  renderInvalidForm(res, FORM_VIEW, { ...context, errors: formErrors(error.problems), values: { ...enteredValues(body), roles: rolesOf(body) } })
}

/** /admin/staff: who can use the console, with which roles; adding, changing and deactivating them (admins only). */
export function staffPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const { db, clock } = dependencies

  routes.get('/staff', 'admin', async (req, res) => {
    const staff = await listStaff(db)
    res.render(LIST_VIEW, {
      rows: staff.map((member) => ({ ...member, rolesText: rolesText(member), href: `${STAFF_PATH}/${member.id}`, added: formatDateTime(member.createdAt) })),
      banner: takeFlash(req),
    })
  })

  const newContext = { title: 'Add a member of staff', action: `${STAFF_PATH}/new`, isNew: true, backLink: STAFF_PATH }
  routes.get('/staff/new', 'admin', (_req, res) => {
    res.render(FORM_VIEW, { ...newContext, values: { roles: ['support'] } })
  })

  routes.post('/staff/new', 'admin', async (req, res) => {
    try {
      const added = await addStaff(db, clock, { email: textOf(req.body, 'email'), name: textOf(req.body, 'name'), roles: rolesOf(req.body) }, { by: staffOf(res) })
      await redirectWithFlash(req, res, `${added.name} can now sign in to the support console with ${added.email}.`, STAFF_PATH)
    } catch (error) {
      if (error instanceof StaffError) return invalidStaff(res, error, newContext, req.body)
      throw error
    }
  })

  const editContext = (member: StaffUser) => ({ title: member.name, member, action: `${STAFF_PATH}/${member.id}`, isNew: false, backLink: STAFF_PATH })

  routes.get('/staff/:staffId', 'admin', async (req, res) => {
    const member = await staffOr404(dependencies, req)
    res.render(FORM_VIEW, { ...editContext(member), values: { name: member.name, roles: member.roles } })
  })

  routes.post('/staff/:staffId', 'admin', async (req, res) => {
    const member = await staffOr404(dependencies, req)
    const roles = rolesOf(req.body)
    // An admin cannot lock themselves out: another admin has to take their admin role away.
    if (member.id === staffOf(res).id && !roles.includes('admin')) {
      return invalidStaff(res, new StaffError([{ field: 'roles', message: 'You cannot take the admin role away from yourself' }]), editContext(member), req.body)
    }
    try {
      const result = await updateStaff(db, clock, member.id, { name: textOf(req.body, 'name'), roles }, { by: staffOf(res) })
      if (result.outcome === 'not_found') throw pageNotFoundError()
      await redirectWithFlash(req, res, result.outcome === 'updated' ? `${result.staff.name}’s account is updated.` : `Nothing was changed for ${member.name}.`, STAFF_PATH)
    } catch (error) {
      if (error instanceof StaffError) return invalidStaff(res, error, editContext(member), req.body)
      throw error
    }
  })

  for (const [page, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    const context = (member: StaffUser) => ({
      member,
      active,
      title: active ? `Reactivate ${member.name}` : `Deactivate ${member.name}`,
      action: `${STAFF_PATH}/${member.id}/${page}`,
      backLink: `${STAFF_PATH}/${member.id}`,
    })
    routes.get(`/staff/:staffId/${page}`, 'admin', async (req, res) => {
      res.render(ACTIVE_VIEW, { ...context(await staffOr404(dependencies, req)), values: {} })
    })
    routes.post(`/staff/:staffId/${page}`, 'admin', async (req, res) => {
      const member = await staffOr404(dependencies, req)
      const form = z.object({ confirmed: confirmedField }).safeParse(enteredValues(req.body))
      if (!form.success) return renderInvalidForm(res, ACTIVE_VIEW, { ...context(member), errors: formErrors([{ field: 'confirmed', message: 'Confirm the change' }]), values: {} })
      if (!active && member.id === staffOf(res).id) {
        return renderInvalidForm(res, ACTIVE_VIEW, { ...context(member), errors: formErrors([{ field: 'confirmed', message: 'You cannot deactivate your own account' }]), values: {} })
      }
      const result = await updateStaff(db, clock, member.id, { active }, { by: staffOf(res) })
      if (result.outcome === 'not_found') throw pageNotFoundError()
      await redirectWithFlash(req, res, active ? `${member.name} can sign in again.` : `${member.name} can no longer sign in, and has been signed out.`, STAFF_PATH)
    })
  }
}
