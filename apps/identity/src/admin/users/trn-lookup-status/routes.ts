import type { Request, Response } from 'express'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { formErrors, parseForm, renderInvalidForm, type FormErrors } from '../../../../../../packages/kit/src/web/forms.ts'
import type { UserRow } from '../../../database/schema.ts'
import { findUserBySub } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { redirectWithFlash } from '../../shared/flash.ts'
import { accountName, lookupStatusText } from '../../shared/format.ts'
import { userPath } from '../../shared/paths.ts'
import { confirmedField, reasonField } from '../../shared/reason.ts'
import { staffOf } from '../../shared/require-staff.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import { setLookupStatus } from '../user-changes.ts'

const FORM_VIEW = 'admin/users/trn-lookup-status/reason'
const CONFIRM_VIEW = 'admin/users/trn-lookup-status/confirm'

const reasonSchema = z.object({ reason: reasonField })
const confirmSchema = reasonSchema.extend({ confirmed: confirmedField })

/** The two ways a lookup ends without a record, each at its own URL. */
const STATUSES = [
  {
    page: 'no-trn',
    status: 'None',
    title: 'Mark as having no TRN',
    explanation: 'Do this when you are confident this person has never had a teaching record: services will be told they have no TRN.',
    confirmTitle: 'Confirm they have no TRN',
    done: 'The account is marked as having no TRN.',
  },
  {
    page: 'lookup-failed',
    status: 'Failed',
    title: 'Mark the lookup as failed',
    explanation: 'Do this when we cannot tell which record is theirs, or cannot find it: services will be told the lookup failed.',
    confirmTitle: 'Confirm the lookup failed',
    done: 'The account’s lookup is marked as failed.',
  },
] as const

/** /admin/users/:sub/no-trn and /lookup-failed: why, a confirmation, then the status (user-changes.ts `setLookupStatus`). */
export function trnLookupStatusPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  for (const settings of STATUSES) {
    const context = (user: UserRow) => ({
      ...settings,
      user,
      name: accountName(user),
      currentStatus: lookupStatusText(user.trn_lookup_status),
      newStatus: lookupStatusText(settings.status),
      action: `${userPath(user.sub)}/${settings.page}`,
      backLink: userPath(user.sub),
    })
    const userOr404 = async (req: Request) => {
      const user = await findUserBySub(dependencies.db, req.params.sub as string)
      if (!user) throw pageNotFoundError()
      return user
    }
    const invalid = (res: Response, user: UserRow, errors: FormErrors, values: Record<string, unknown>) => renderInvalidForm(res, FORM_VIEW, { ...context(user), errors, values })
    const linkedError = (user: UserRow) => formErrors([{ field: 'reason', message: `This account is linked to TRN ${user.trn}, so it cannot be marked this way` }])

    routes.get(`/users/:sub/${settings.page}`, 'support', async (req, res) => {
      const user = await userOr404(req)
      res.render(FORM_VIEW, { ...context(user), values: {}, linked: user.trn !== null })
    })

    routes.post(`/users/:sub/${settings.page}`, 'support', async (req, res) => {
      const user = await userOr404(req)
      const form = parseForm(reasonSchema, req.body)
      if (!form.ok) return invalid(res, user, form.errors, form.values)
      if (user.trn) return invalid(res, user, linkedError(user), form.data)
      res.render(CONFIRM_VIEW, { ...context(user), action: `${userPath(user.sub)}/${settings.page}/confirm`, backLink: `${userPath(user.sub)}/${settings.page}`, values: form.data })
    })

    routes.post(`/users/:sub/${settings.page}/confirm`, 'support', async (req, res) => {
      const user = await userOr404(req)
      const form = parseForm(confirmSchema, req.body)
      if (!form.ok) return invalid(res, user, form.errors, form.values)
      const result = await setLookupStatus(dependencies, staffOf(res), user.sub, { status: settings.status, reason: form.data.reason })
      switch (result.outcome) {
        case 'not_found':
          throw pageNotFoundError()
        case 'refused':
          return invalid(res, user, formErrors([{ field: result.field, message: result.message }]), { reason: form.data.reason })
        case 'unchanged':
          return await redirectWithFlash(req, res, `${settings.done} It already was, so nothing was changed.`, userPath(user.sub))
        case 'changed':
          return await redirectWithFlash(req, res, settings.done, userPath(user.sub))
      }
    })
  }
}
