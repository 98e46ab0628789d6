import type { Request, Response } from 'express'
import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { enteredValues, formErrors, renderInvalidForm, type FormErrors } from '../../../../../../packages/kit/src/web/forms.ts'
import type { UserRow } from '../../../database/schema.ts'
import { findUserBySub } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { redirectWithFlash } from '../../shared/flash.ts'
import { accountName, formatDate, USER_DETAIL_LABELS } from '../../shared/format.ts'
import { userPath } from '../../shared/paths.ts'
import { staffOf } from '../../shared/require-staff.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import { detailsOf, differences, type UserDetails } from '../../../users/user-details.ts'
import { correctDetails } from '../user-changes.ts'
import { readCorrections } from './validation.ts'

const FORM_VIEW = 'admin/users/correct-details/correct-details'
const CONFIRM_VIEW = 'admin/users/correct-details/confirm'

const shown = (field: keyof UserDetails, value: string | null | undefined) => (field === 'dateOfBirth' ? formatDate(value) : (value ?? '')) || '(none)'

function formValues(user: UserRow): Record<string, string> {
  const [year = '', month = '', day = ''] = (user.birthdate ?? '').split('-')
  return {
    firstName: user.given_name ?? '',
    middleName: user.middle_name ?? '',
    lastName: user.family_name ?? '',
    preferredName: user.preferred_name ?? '',
    email: user.email,
    'dateOfBirth-day': day.replace(/^0/, ''),
    'dateOfBirth-month': month.replace(/^0/, ''),
    'dateOfBirth-year': year,
  }
}

/** /admin/users/:sub/correct-details: names, date of birth and email address, why, a confirmation of what changes. */
export function correctDetailsPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const context = (user: UserRow) => ({
    user,
    name: accountName(user),
    action: `${userPath(user.sub)}/correct-details`,
    backLink: userPath(user.sub),
  })
  const userOr404 = async (req: Request) => {
    const user = await findUserBySub(dependencies.db, req.params.sub as string)
    if (!user) throw pageNotFoundError()
    return user
  }
  const invalid = (res: Response, user: UserRow, errors: FormErrors, values: Record<string, unknown>, partsInError: string[] = []) =>
    renderInvalidForm(res, FORM_VIEW, { ...context(user), errors, values, partsInError })

  routes.get('/users/:sub/correct-details', 'support', async (req, res) => {
    const user = await userOr404(req)
    res.render(FORM_VIEW, { ...context(user), values: formValues(user) })
  })

  routes.post('/users/:sub/correct-details', 'support', async (req, res) => {
    const user = await userOr404(req)
    const form = readCorrections(req.body, dependencies.clock, { confirming: false })
    if (!form.ok) return invalid(res, user, form.errors, form.values, form.partsInError)
    const changes = differences(detailsOf(user), { ...detailsOf(user), ...form.data.details })
    const changed = Object.keys(changes.after) as Array<keyof UserDetails>
    const values = enteredValues(req.body)
    if (changed.length === 0) return invalid(res, user, formErrors([{ field: 'firstName', message: 'Change at least one detail, or go back to the account' }]), values)
    res.render(CONFIRM_VIEW, {
      ...context(user),
      action: `${userPath(user.sub)}/correct-details/confirm`,
      rows: changed.map((field) => ({ label: USER_DETAIL_LABELS[field], before: shown(field, changes.before[field]), after: shown(field, changes.after[field]) })),
      emailChanges: changed.includes('email'),
      values,
      reason: form.data.reason,
    })
  })

  routes.post('/users/:sub/correct-details/confirm', 'support', async (req, res) => {
    const user = await userOr404(req)
    const form = readCorrections(req.body, dependencies.clock, { confirming: true })
    if (!form.ok) return invalid(res, user, form.errors, form.values, form.partsInError)
    const result = await correctDetails(dependencies, staffOf(res), user.sub, form.data)
    switch (result.outcome) {
      case 'not_found':
        throw pageNotFoundError()
      case 'refused':
        return invalid(res, user, formErrors([{ field: result.field, message: result.message }]), enteredValues(req.body))
      case 'unchanged':
        return await redirectWithFlash(req, res, 'The details were already as you asked. Nothing was changed.', userPath(user.sub))
      case 'changed':
        return await redirectWithFlash(req, res, 'The account’s details are corrected.', userPath(user.sub))
    }
  })
}
