import type { Request, Response } from 'express'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { formErrors, parseForm, renderInvalidForm, type FormErrors } from '../../../../../../packages/kit/src/web/forms.ts'
import type { UserRow } from '../../../database/schema.ts'
import { findUserBySub } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { redirectWithFlash } from '../../shared/flash.ts'
import { accountName, formatDate, fullName } from '../../shared/format.ts'
import { userPath } from '../../shared/paths.ts'
import { confirmedField, reasonField } from '../../shared/reason.ts'
import { staffOf } from '../../shared/require-staff.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import type { CandidateRecord } from '../../shared/records.ts'
import { assignTrn, checkTrnForAssignment } from '../user-changes.ts'

const FORM_VIEW = 'admin/users/assign-trn/assign-trn'
const CONFIRM_VIEW = 'admin/users/assign-trn/confirm'

const trnField = z
  .string({ error: 'Enter the TRN' })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().min(1, 'Enter the TRN').regex(/^\d{7}$/, 'A TRN must be 7 digits'))

const assignSchema = z.object({ trn: trnField, reason: reasonField })
const confirmSchema = assignSchema.extend({ confirmed: confirmedField })


async function userOr404(dependencies: AdminDependencies, sub: string): Promise<UserRow> {
  const user = await findUserBySub(dependencies.db, sub)
  if (!user) throw pageNotFoundError()
  return user
}

function formContext(user: UserRow) {
  return { user, name: accountName(user), action: `${userPath(user.sub)}/assign-trn`, backLink: userPath(user.sub) }
}

function confirmContext(user: UserRow, record: CandidateRecord, reason: string) {
  const recordName = fullName(record)
  return {
    ...formContext(user),
    action: `${userPath(user.sub)}/assign-trn/confirm`,
    backLink: `${userPath(user.sub)}/assign-trn?trn=${record.trn}`,
    record,
    recordName,
    recordDateOfBirth: formatDate(record.dateOfBirth),
    namesChange: recordName !== accountName(user),
    reason,
    values: { trn: record.trn, reason },
  }
}

function invalid(res: Response, user: UserRow, errors: FormErrors, values: Record<string, unknown>) {
  renderInvalidForm(res, FORM_VIEW, { ...formContext(user), errors, values })
}

/**
 * /admin/users/:sub/assign-trn: a TRN (from a candidate or typed) and why, checked against the records service; then
 * a confirmation showing the record and what will change; then the change (user-changes.ts `assignTrn`).
 */
export function assignTrnPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/users/:sub/assign-trn', 'support', async (req, res) => {
    const user = await userOr404(dependencies, req.params.sub as string)
    const trn = typeof req.query.trn === 'string' ? req.query.trn : (user.trn ?? '')
    res.render(FORM_VIEW, { ...formContext(user), values: { trn } })
  })

  routes.post('/users/:sub/assign-trn', 'support', async (req, res) => {
    const user = await userOr404(dependencies, req.params.sub as string)
    const form = parseForm(assignSchema, req.body)
    if (!form.ok) return invalid(res, user, form.errors, form.values)
    const check = await checkTrnForAssignment(dependencies, user.sub, form.data.trn)
    if (!check.ok) return invalid(res, user, formErrors([{ field: 'trn', message: check.message }]), form.data)
    if (user.trn === check.record.trn) return invalid(res, user, formErrors([{ field: 'trn', message: `TRN ${user.trn} is already linked to this account` }]), form.data)
    res.render(CONFIRM_VIEW, confirmContext(user, check.record, form.data.reason))
  })

  routes.post('/users/:sub/assign-trn/confirm', 'support', async (req, res) => {
    const user = await userOr404(dependencies, req.params.sub as string)
    const form = parseForm(confirmSchema, req.body)
    if (!form.ok) return invalid(res, user, form.errors, form.values)
    const { trn, reason } = form.data
    // Checked again: the record or the other accounts may have changed since the confirmation page was shown.
    const check = await checkTrnForAssignment(dependencies, user.sub, trn)
    if (!check.ok) {
      // A second submit of the confirmation already linked it: nothing to do, nothing recorded.
      if (user.trn === trn) return finished(res, req, user.sub, `TRN ${trn} is already linked to this account. Nothing was changed.`)
      return invalid(res, user, formErrors([{ field: 'trn', message: check.message }]), { trn, reason })
    }
    const result = await assignTrn(dependencies, staffOf(res), user.sub, { record: check.record, reason })
    switch (result.outcome) {
      case 'not_found':
        throw pageNotFoundError()
      case 'refused':
        return invalid(res, user, formErrors([{ field: result.field, message: result.message }]), { trn, reason })
      case 'unchanged':
        return finished(res, req, user.sub, `TRN ${trn} is already linked to this account. Nothing was changed.`)
      case 'changed':
        return finished(res, req, user.sub, `TRN ${trn} is now linked to this account. We’ve emailed ${result.user.email} to tell them.`)
    }
  })

  function finished(res: Response, req: Request, sub: string, message: string): Promise<void> {
    return redirectWithFlash(req, res, message, userPath(sub))
  }
}
