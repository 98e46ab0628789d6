import type { Router } from 'express'
import { formErrors } from '../../../../../packages/kit/src/web/forms.ts'
import type { SignInDependencies } from '../dependencies.ts'
import type { SignInStep } from '../journey.ts'
import { stepPath, stepRoutes, type StepContext } from '../steps.ts'
import { readCode, type CodeFormat } from './code-rules.ts'

const FORMAT_MESSAGES: Record<Extract<CodeFormat, { ok: false }>['error'], string> = {
  missing: 'Enter the security code',
  not_digits: 'The security code must only include numbers',
  too_short: 'The security code must be 6 numbers',
  too_long: 'The security code must be 6 numbers',
}

export type CodePage = {
  view: string
  /** The address the code was sent to. */
  email: string
  /** How the page shows it: masked when the person has not yet proved it is theirs. */
  shownEmail?: string
  /** What the page's template needs besides the form. */
  viewContext: Record<string, unknown>
  /** The code is right: record it and move on (the page's own business). */
  onAccepted(): Promise<void>
}

/** Sends a code to `email` for this journey, counting it against the limits first. */
export async function sendCode(dependencies: SignInDependencies, context: StepContext, email: string): Promise<void> {
  await dependencies.limits.beforeSending(context.req, email)
  await dependencies.db.transaction().execute((trx) => dependencies.codes.send(trx, context.journey.id, email, context.data.client.name))
}

/** Judges the code typed on any of the code pages and answers as the reference service does. */
export async function submitCode(dependencies: SignInDependencies, context: StepContext, page: CodePage): Promise<void> {
  const { req } = context
  const shown = page.shownEmail ?? page.email
  const typed = (req.body as Record<string, unknown>).code
  const showError = (message: string, keepValue = true) =>
    context.renderInvalid(page.view, { errors: formErrors([{ field: 'code', message }]), values: keepValue ? { code: typed } : {} }, { email: shown, ...page.viewContext })
  // The code in hand can no longer work: the way to a new one goes in plain sight, not inside "Not received an email?".
  const showDeadCode = (message: string) =>
    context.renderInvalid(page.view, { errors: formErrors([{ field: 'code', message }]), values: {} }, { email: shown, ...page.viewContext, needsNewCode: true })

  const format = readCode(typeof typed === 'string' ? typed : undefined)
  if (!format.ok) return showError(FORMAT_MESSAGES[format.error])
  const result = await dependencies.codes.check(context.journey.id, page.email, format.code)
  switch (result.outcome) {
    case 'accepted':
      return page.onAccepted()
    case 'wrong':
      await dependencies.limits.afterWrongCode(req)
      return showError(`The security code is not correct. You can try ${result.attemptsLeft} more ${result.attemptsLeft === 1 ? 'time' : 'times'}.`)
    case 'too_many_wrong':
      await dependencies.limits.afterWrongCode(req)
      return showDeadCode('You have entered the wrong security code too many times. Get a new code.')
    case 'expired':
      if (result.sendNewCode) {
        await sendCode(dependencies, context, page.email)
        return showError(`That security code has expired. We’ve sent a new code to ${shown}.`, false)
      }
      return showDeadCode('That security code has expired. Get a new code.')
    case 'used':
      return showDeadCode('That security code has already been used. Get a new code.')
    case 'no_code':
      return showDeadCode('We have not sent a security code to this address. Get a new code.')
  }
}

/** `<code page>/resend`: "Get a new security code", then back to the code page saying a new one was sent. */
export function resendRoutes(
  dependencies: SignInDependencies,
  step: SignInStep,
  options: { email(context: StepContext): string; shownEmail?(context: StepContext): string; changeLink?: string },
): Router {
  const codePage = stepPath(step)
  return stepRoutes(
    dependencies,
    step,
    {
      get(context) {
        context.render('sign-in/email-code/resend', {
          backLink: codePage,
          email: (options.shownEmail ?? options.email)(context),
          action: `${codePage}/resend`,
          changeLink: options.changeLink,
        })
      },
      async post(context) {
        await sendCode(dependencies, context, options.email(context))
        context.res.redirect(303, `${codePage}?resent=true`)
      },
    },
    `/${step}/resend`,
  )
}
