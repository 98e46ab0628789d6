import type { Response } from 'express'
import { pageNotFoundError } from '../../../../../../packages/kit/src/web/errors.ts'
import { formErrors } from '../../../../../../packages/kit/src/web/forms.ts'
import type { UserRow } from '../../../database/schema.ts'
import { findOpenTicketForUser, type SupportTicket } from '../../../support-tickets/support-tickets.ts'
import { findAccountBySub, mergedUserIds } from '../../../users/users.ts'
import type { AdminDependencies } from '../../dependencies.ts'
import { takeFlash } from '../../shared/flash.ts'
import { accountName, formatDate, formatDateTime, lookupStatusText, TICKET_REASON_TEXT } from '../../shared/format.ts'
import { userPath } from '../../shared/paths.ts'
import type { RecordLookup } from '../../shared/records.ts'
import type { AdminRoutes } from '../../shared/routes.ts'
import { COMPARED_FIELDS, compareRecord, statedColumn, type StatedDetails } from './compare.ts'

const VIEW = 'admin/users/user/user'
const MERGED_VIEW = 'admin/users/user/merged'
const MOST_CANDIDATES = 6

function statedDetails(user: UserRow, ticket: SupportTicket | undefined): StatedDetails {
  if (ticket) {
    const { person } = ticket.snapshot
    return {
      firstName: person.firstName || null,
      middleName: person.middleName,
      lastName: person.lastName || null,
      previousLastNames: person.previousLastNames,
      dateOfBirth: person.dateOfBirth,
      nationalInsuranceNumber: person.nationalInsuranceNumber,
      nationalInsuranceNumberAnswer: person.nationalInsuranceNumberAnswer,
      trn: person.statedTrn,
      trnAnswer: person.trnAnswer,
      hasQts: person.hasQts,
    }
  }
  return {
    firstName: user.given_name,
    middleName: user.middle_name,
    lastName: user.family_name,
    previousLastNames: [],
    dateOfBirth: user.birthdate,
    nationalInsuranceNumber: null,
    trn: null,
    hasQts: null,
  }
}

/** The records to put beside the person: the matcher's candidates, the TRN they gave, the one linked, one typed. */
function candidateTrns(user: UserRow, ticket: SupportTicket | undefined, typed: string | undefined): Array<{ trn: string; why: string }> {
  const found: Array<{ trn: string; why: string }> = []
  const add = (trn: string | null | undefined, why: string) => {
    if (trn && !found.some((candidate) => candidate.trn === trn)) found.push({ trn, why })
  }
  add(user.trn, 'Linked to this account')
  if (ticket) {
    for (const snapshot of [ticket.snapshot, ...ticket.furtherLookups.map((lookup) => lookup.snapshot)]) {
      for (const candidate of snapshot.candidates) add(candidate.trn, 'A possible match')
      add(snapshot.person.statedTrn, 'The TRN they gave')
    }
  }
  add(typed, 'The TRN you looked up')
  return found.slice(0, MOST_CANDIDATES)
}

const LOOKUP_PROBLEMS: Record<Exclude<RecordLookup['kind'], 'found' | 'merged'>, string> = {
  not_found: 'There is no teaching record with this TRN.',
  deactivated: 'This teaching record has been deactivated.',
  unavailable: 'The teaching record service could not be reached. Refresh the page to try again.',
}

/** A merged account is no one's: its page says where it went and offers its history, nothing to change. */
async function mergedAccountPage(res: Response, dependencies: AdminDependencies, user: UserRow, keptSub: string): Promise<void> {
  const kept = await findAccountBySub(dependencies.db, keptSub)
  res.render(MERGED_VIEW, {
    user,
    name: accountName(user),
    mergedAt: user.merged_at ? formatDateTime(user.merged_at) : '',
    kept: kept && { email: kept.email, href: userPath(kept.sub) },
    historyHref: `${userPath(user.sub)}/history`,
    backLink: '/admin/users',
  })
}

/**
 * /admin/users/:sub: the account, and the open support request's snapshot of what the person told us beside each
 * record that might be theirs, read afresh from the records service, with the fields that agree marked.
 */
export function userPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/users/:sub', 'support', async (req, res) => {
    const user = await findAccountBySub(dependencies.db, req.params.sub as string)
    if (!user) throw pageNotFoundError()
    if (user.merged_into) return mergedAccountPage(res, dependencies, user, user.merged_into)
    const ticket = await findOpenTicketForUser(dependencies.db, user.sub)

    const typedRaw = typeof req.query.trn === 'string' ? req.query.trn : undefined
    const typed = typedRaw?.replace(/[\s-]/g, '')
    const typedError = typedRaw !== undefined && !/^\d{7}$/.test(typed ?? '') ? 'A TRN must be 7 digits' : undefined

    const stated = statedDetails(user, ticket)
    const statedValues = statedColumn(stated)
    const candidates = await Promise.all(
      candidateTrns(user, ticket, typedError ? undefined : typed).map(async ({ trn, why }) => {
        const lookup = await dependencies.records.lookUp(trn)
        const assignHref = `${userPath(user.sub)}/assign-trn?trn=${trn}`
        if (lookup.kind === 'found') {
          const compared = compareRecord(stated, lookup.record)
          const agreements = Object.values(compared).filter((value) => value.agreement === 'agrees').length
          return { trn, why, found: true, compared, agreements, prohibited: lookup.record.hasOpenProhibition, assignHref: user.trn === trn ? undefined : assignHref }
        }
        const problem = lookup.kind === 'merged' ? `This record was merged into TRN ${lookup.survivingTrn}.` : LOOKUP_PROBLEMS[lookup.kind]
        return { trn, why, found: false, problem }
      }),
    )
    const rows = COMPARED_FIELDS.map(({ field, label }) => ({
      label,
      stated: statedValues[field],
      candidates: candidates.map((candidate) => (candidate.found && 'compared' in candidate ? candidate.compared?.[field] : undefined)),
    }))

    res.status(typedError ? 400 : 200).render(VIEW, {
      user,
      name: accountName(user),
      dateOfBirth: formatDate(user.birthdate),
      status: lookupStatusText(user.trn_lookup_status),
      createdAt: formatDateTime(user.created_at),
      lastSignedInAt: user.last_signed_in_at ? formatDateTime(user.last_signed_in_at) : 'Never',
      ticket: ticket && {
        reason: TICKET_REASON_TEXT[ticket.reason] ?? ticket.reason,
        raised: formatDateTime(ticket.createdAt),
        service: ticket.snapshot.client.name,
        email: ticket.snapshot.person.email,
        ittProvider: ticket.snapshot.person.ittProvider,
        preferredName: ticket.snapshot.person.preferredName,
        furtherLookups: ticket.furtherLookups.length,
      },
      comparedFrom: ticket ? 'What they told us' : 'This account',
      candidates,
      rows,
      paths: {
        self: userPath(user.sub),
        assignTrn: `${userPath(user.sub)}/assign-trn`,
        noTrn: `${userPath(user.sub)}/no-trn`,
        lookupFailed: `${userPath(user.sub)}/lookup-failed`,
        correctDetails: `${userPath(user.sub)}/correct-details`,
        history: `${userPath(user.sub)}/history`,
        merge: `${userPath(user.sub)}/merge`,
      },
      mergedAccounts: (await mergedUserIds(dependencies.db, user.sub)).map((sub) => ({ sub, href: userPath(sub) })),
      values: { trn: typedRaw },
      errors: typedError ? formErrors([{ field: 'trn', message: typedError }]) : undefined,
      banner: takeFlash(req),
      backLink: ticket ? '/admin/support-queue' : '/admin/users',
    })
  })
}
