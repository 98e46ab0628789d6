import type { Request, Response } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { formErrors, parseForm, renderInvalidForm, type FormErrors } from '../../../../../../packages/kit/src/web/forms.ts'
import type { IdentitySchema, UserRow } from '../../../database/schema.ts'
import { findOpenTicketForUser } from '../../../support-tickets/support-tickets.ts'
import { findAccountBySub, findUserByEmail, findUserBySub, liveUsers } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { redirectWithFlash } from '../../shared/flash.ts'
import { accountName, formatDate, formatDateTime, lookupStatusText } from '../../shared/format.ts'
import { userPath } from '../../shared/paths.ts'
import { confirmedField, reasonField } from '../../shared/reason.ts'
import { staffOf } from '../../shared/require-staff.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import { readUserSearch } from '../search.ts'
import { mergeAccounts, mergeRefusal } from './merge-accounts.ts'
import { CHOICE_MESSAGES, mergedValues, mergeQuestions, type MergeChoices } from './merge-rules.ts'

const FIND_VIEW = 'admin/users/merge/find'
const CHOOSE_VIEW = 'admin/users/merge/choose'
const CONFIRM_VIEW = 'admin/users/merge/confirm'
const MOST_LIKELY = 10

const findSchema = z.object({
  account: z.string({ error: 'Enter the other account’s email address, TRN or account id' }).trim().min(1, 'Enter the other account’s email address, TRN or account id').max(254, 'Enter an email address, a TRN or an account id'),
})
/** The questions these two accounts need answered, with the reason: everything missing is reported at once. */
function chooseSchema(questions: { email: boolean; trn: boolean }) {
  const choice = (asked: boolean, message: string) => (asked ? z.enum(['kept', 'merged'], { error: message }) : z.unknown().optional().transform((): undefined => undefined))
  return z.object({ email: choice(questions.email, CHOICE_MESSAGES.email), trn: choice(questions.trn, CHOICE_MESSAGES.trn), reason: reasonField })
}
const confirmSchema = (questions: { email: boolean; trn: boolean }) => chooseSchema(questions).extend({ confirmed: confirmedField })

const mergePath = (kept: string, merged?: string, page?: string) => [userPath(kept, 'merge'), merged, page].filter(Boolean).join('/')

/** The other account as the agent typed it, read as the users search reads a query: a TRN, an account id or an address. */
async function findOtherAccount(db: Kysely<IdentitySchema>, text: string): Promise<UserRow | undefined> {
  const search = readUserSearch(text)
  switch (search.by) {
    case 'trn':
      return liveUsers(db).selectAll().where('trn', '=', search.trn).executeTakeFirst()
    case 'sub':
      return findUserBySub(db, search.sub)
    case 'email':
      return findUserByEmail(db, search.text)
    default:
      return undefined
  }
}

/** Other accounts with the same date of birth and last name: the likeliest duplicates. */
async function likelyDuplicates(db: Kysely<IdentitySchema>, user: UserRow): Promise<UserRow[]> {
  if (!user.birthdate || !user.family_name) return []
  return liveUsers(db)
    .selectAll()
    .where('birthdate', '=', user.birthdate)
    .where((where) => where(where.fn('lower', ['family_name']), '=', (user.family_name as string).toLowerCase()))
    .where('sub', '<>', user.sub)
    .orderBy('created_at')
    .limit(MOST_LIKELY)
    .execute()
}

async function describeAccount(dependencies: AdminDependencies, user: UserRow) {
  const ticket = await findOpenTicketForUser(dependencies.db, user.sub)
  return {
    sub: user.sub,
    href: userPath(user.sub),
    email: user.email,
    name: accountName(user),
    dateOfBirth: formatDate(user.birthdate),
    trn: user.trn ?? 'None linked',
    status: lookupStatusText(user.trn_lookup_status),
    created: formatDateTime(user.created_at),
    lastSignedIn: user.last_signed_in_at ? formatDateTime(user.last_signed_in_at) : 'Never',
    openRequest: ticket ? `Raised ${formatDateTime(ticket.createdAt)}` : 'None',
  }
}

/**
 * /admin/users/:sub/merge: find the other account of the same person (typed, or one of the likely duplicates), choose
 * what the kept account keeps where the two differ and say why, confirm, then merge (merge-accounts.ts). The account
 * in the URL is the one kept; the other stops being anyone's account.
 */
export function mergePages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const liveOr404 = async (sub: unknown): Promise<UserRow> => {
    const user = await findUserBySub(dependencies.db, sub as string)
    if (!user) throw pageNotFoundError()
    return user
  }
  const pair = async (req: Request) => {
    const kept = await liveOr404(req.params.sub)
    const merged = await liveOr404(req.params.other)
    if (kept.sub === merged.sub) throw pageNotFoundError()
    return { kept, merged }
  }

  const findContext = async (kept: UserRow) => ({
    user: kept,
    name: accountName(kept),
    action: mergePath(kept.sub),
    backLink: userPath(kept.sub),
    likely: (await likelyDuplicates(dependencies.db, kept)).map((user) => ({ ...user, name: accountName(user), dateOfBirth: formatDate(user.birthdate), href: mergePath(kept.sub, user.sub) })),
  })

  routes.get('/users/:sub/merge', 'support', async (req, res) => {
    const kept = await liveOr404(req.params.sub)
    res.render(FIND_VIEW, { ...(await findContext(kept)), values: {} })
  })

  routes.post('/users/:sub/merge', 'support', async (req, res) => {
    const kept = await liveOr404(req.params.sub)
    const invalid = async (errors: FormErrors, values: Record<string, unknown>) => renderInvalidForm(res, FIND_VIEW, { ...(await findContext(kept)), errors, values })
    const form = parseForm(findSchema, req.body)
    if (!form.ok) return invalid(form.errors, form.values)
    const other = await findOtherAccount(dependencies.db, form.data.account)
    if (!other) return invalid(formErrors([{ field: 'account', message: `No account has the email address, TRN or account id ${form.data.account}` }]), form.data)
    const refusal = mergeRefusal(kept, other)
    if (refusal) return invalid(formErrors([{ field: 'account', message: refusal.message }]), form.data)
    res.redirect(303, mergePath(kept.sub, other.sub))
  })

  const chooseContext = async (kept: UserRow, merged: UserRow) => ({
    user: kept,
    name: accountName(kept),
    kept: await describeAccount(dependencies, kept),
    merged: await describeAccount(dependencies, merged),
    questions: mergeQuestions(kept, merged),
    action: mergePath(kept.sub, merged.sub),
    backLink: mergePath(kept.sub),
  })
  const invalidChoice = async (res: Response, kept: UserRow, merged: UserRow, errors: FormErrors, values: Record<string, unknown>) =>
    renderInvalidForm(res, CHOOSE_VIEW, { ...(await chooseContext(kept, merged)), errors, values })

  routes.get('/users/:sub/merge/:other', 'support', async (req, res) => {
    const { kept, merged } = await pair(req)
    res.render(CHOOSE_VIEW, { ...(await chooseContext(kept, merged)), values: {} })
  })

  routes.post('/users/:sub/merge/:other', 'support', async (req, res) => {
    const { kept, merged } = await pair(req)
    const form = parseForm(chooseSchema(mergeQuestions(kept, merged)), req.body)
    if (!form.ok) return invalidChoice(res, kept, merged, form.errors, form.values)
    const choices: MergeChoices = { email: form.data.email, trn: form.data.trn }
    const result = mergedValues(kept, merged, choices)
    if (!result.ok) return invalidChoice(res, kept, merged, formErrors([{ field: result.missing, message: CHOICE_MESSAGES[result.missing] }]), form.data)
    res.render(CONFIRM_VIEW, {
      user: kept,
      name: accountName(kept),
      mergedEmail: merged.email,
      summary: [
        ['Email address', result.values.email],
        ['Name', accountName(kept)],
        ['Date of birth', formatDate(kept.birthdate)],
        ['TRN', result.values.trn ?? 'None linked'],
        ['Teaching record', lookupStatusText(result.values.trn_lookup_status)],
        ['Reason', form.data.reason],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      values: { email: choices.email, trn: choices.trn, reason: form.data.reason },
      action: mergePath(kept.sub, merged.sub, 'confirm'),
      backLink: mergePath(kept.sub, merged.sub),
    })
  })

  routes.post('/users/:sub/merge/:other/confirm', 'support', async (req, res) => {
    const keptSub = req.params.sub as string
    const mergedSub = req.params.other as string
    const kept = await liveOr404(keptSub)
    const merged = await findUserBySub(dependencies.db, mergedSub)
    // A second submit of the confirmation: the other account is merged into this one already.
    if (!merged) return alreadyMerged(req, res, kept, mergedSub)
    const form = parseForm(confirmSchema(mergeQuestions(kept, merged)), req.body)
    if (!form.ok) return invalidChoice(res, kept, merged, form.errors, form.values)
    const choices: MergeChoices = { email: form.data.email, trn: form.data.trn }
    const result = await mergeAccounts(dependencies, staffOf(res), { keptSub: kept.sub, mergedSub: merged.sub, choices, reason: form.data.reason })
    switch (result.outcome) {
      case 'not_found':
        throw pageNotFoundError()
      case 'refused':
        // Refusals about the accounts themselves point at the two accounts' table.
        return invalidChoice(res, kept, merged, formErrors([{ field: result.field, message: result.message, ...(result.field === 'account' ? { href: '#accounts' } : {}) }]), form.data)
      case 'unchanged':
        return redirectWithFlash(req, res, `The account ${result.merged.email} is already merged into this account. Nothing was changed.`, userPath(kept.sub))
      case 'merged':
        return redirectWithFlash(req, res, `The account ${result.merged.email} is merged into this account.`, userPath(kept.sub))
    }
  })

  async function alreadyMerged(req: Request, res: Response, kept: UserRow, mergedSub: string): Promise<void> {
    const merged = await findAccountBySub(dependencies.db, mergedSub)
    if (!merged || merged.merged_into !== kept.sub) throw pageNotFoundError()
    return redirectWithFlash(req, res, `The account ${merged.email} is already merged into this account. Nothing was changed.`, userPath(kept.sub))
  }
}
