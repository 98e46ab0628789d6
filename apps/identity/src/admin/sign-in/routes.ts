import type { Request, Response } from 'express'
import { z } from 'zod'
import { formErrors, parseForm, renderInvalidForm } from '../../../../../packages/kit/src/web/forms.ts'
import { readCode, type CodeFormat } from '../../sign-in/email-code/code-rules.ts'
import { emailSchema as personEmailSchema } from '../../sign-in/email/validation.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { recordAdminEvent } from '../shared/events.ts'
import { ADMIN_PATH, safeReturnTo } from '../shared/paths.ts'
import type { AdminRoutes } from '../shared/routes.ts'
import { findStaffByEmail } from '../staff/staff-users.ts'
import { issueCode, startAttempt } from './attempts.ts'
import { renewSession, saveSession } from '../../../../../packages/kit/src/web/sessions.ts'

declare module 'express-session' {
  interface SessionData {
    /** A staff sign-in under way in this browser: the attempt its code belongs to, and where to go afterwards. */
    staffSignIn?: { attemptId: string; email: string; returnTo?: string }
  }
}

const EMAIL_VIEW = 'admin/sign-in/email'
const CODE_VIEW = 'admin/sign-in/code'
const CODE_PATH = `${ADMIN_PATH}/sign-in/code`

const emailSchema = personEmailSchema.extend({ returnTo: z.string().optional() })

const FORMAT_MESSAGES: Record<Extract<CodeFormat, { ok: false }>['error'], string> = {
  missing: 'Enter the security code',
  not_digits: 'The security code must only include numbers',
  too_short: 'The security code must be 6 numbers',
  too_long: 'The security code must be 6 numbers',
}

/**
 * /admin/sign-in: the staff's email address, then the code emailed to it, then a staff session. The same codes, email
 * and limits as a teacher's sign-in (sign-in/email-code/); an address that is not an active member of staff's sees
 * the same pages and never gets a session.
 */
export function signInPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const { db, clock } = dependencies

  routes.get('/sign-in', 'public', (req, res) => {
    if (req.session?.staffId) return res.redirect(303, safeReturnTo(req.query.returnTo) ?? ADMIN_PATH)
    res.render(EMAIL_VIEW, { values: { returnTo: safeReturnTo(req.query.returnTo) }, signedOut: req.query.signedOut === 'true' })
  })

  routes.post('/sign-in', 'public', async (req, res) => {
    const form = parseForm(emailSchema, req.body)
    if (!form.ok) return renderInvalidForm(res, EMAIL_VIEW, form)
    const { email } = form.data
    await dependencies.codeLimits.beforeSending(req, email)
    const attemptId = await db.transaction().execute(async (trx) => {
      const id = await startAttempt(trx, dependencies)
      await issueCode(trx, dependencies, id, email)
      return id
    })
    const returnTo = safeReturnTo(form.data.returnTo)
    req.session.staffSignIn = { attemptId, email, ...(returnTo ? { returnTo } : {}) }
    await saveSession(req)
    res.redirect(303, CODE_PATH)
  })

  const attemptOf = (req: Request) => req.session?.staffSignIn

  routes.get('/sign-in/code', 'public', (req, res) => {
    const attempt = attemptOf(req)
    if (!attempt) return res.redirect(303, `${ADMIN_PATH}/sign-in`)
    res.render(CODE_VIEW, { email: attempt.email, resent: req.query.resent === 'true' })
  })

  routes.post('/sign-in/code', 'public', async (req: Request, res: Response) => {
    const attempt = attemptOf(req)
    if (!attempt) return res.redirect(303, `${ADMIN_PATH}/sign-in`)
    const typed = (req.body as Record<string, unknown>).code
    const show = (message: string, options: { keep?: boolean; deadCode?: boolean } = {}) =>
      renderInvalidForm(res, CODE_VIEW, {
        errors: formErrors([{ field: 'code', message }]),
        values: options.keep === false || options.deadCode ? {} : { code: typed },
        email: attempt.email,
        needsNewCode: options.deadCode ?? false,
      })

    const format = readCode(typeof typed === 'string' ? typed : undefined)
    if (!format.ok) return show(FORMAT_MESSAGES[format.error])
    const result = await dependencies.emailCodes.check(attempt.attemptId, attempt.email, format.code)
    switch (result.outcome) {
      case 'accepted': {
        const staff = await findStaffByEmail(db, attempt.email)
        // Deactivated between the code being sent and typed: as good as a wrong code.
        if (!staff?.active) return show('The security code is not correct.')
        // A new session id once they have proved who they are; nothing from before comes across.
        await renewSession(req, { staffId: staff.id })
        await recordAdminEvent(db, { type: 'staff_signed_in', by: staff, occurredAt: clock.now() })
        return res.redirect(303, attempt.returnTo ?? ADMIN_PATH)
      }
      case 'wrong':
        await dependencies.codeLimits.afterWrongCode(req)
        return show(`The security code is not correct. You can try ${result.attemptsLeft} more ${result.attemptsLeft === 1 ? 'time' : 'times'}.`)
      case 'too_many_wrong':
        await dependencies.codeLimits.afterWrongCode(req)
        return show('You have entered the wrong security code too many times. Get a new code.', { deadCode: true })
      case 'expired':
        if (result.sendNewCode) {
          await dependencies.codeLimits.beforeSending(req, attempt.email)
          await db.transaction().execute((trx) => issueCode(trx, dependencies, attempt.attemptId, attempt.email))
          return show(`That security code has expired. We’ve sent a new code to ${attempt.email}.`, { keep: false })
        }
        return show('That security code has expired. Get a new code.', { deadCode: true })
      case 'used':
        return show('That security code has already been used. Get a new code.', { deadCode: true })
      case 'no_code':
        return show('We have not sent a security code to this address. Get a new code.', { deadCode: true })
    }
  })

  routes.post('/sign-in/code/resend', 'public', async (req, res) => {
    const attempt = attemptOf(req)
    if (!attempt) return res.redirect(303, `${ADMIN_PATH}/sign-in`)
    await dependencies.codeLimits.beforeSending(req, attempt.email)
    await db.transaction().execute((trx) => issueCode(trx, dependencies, attempt.attemptId, attempt.email))
    res.redirect(303, `${CODE_PATH}?resent=true`)
  })
}
