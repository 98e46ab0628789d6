import { Router, type Request } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import { ApiError } from '../../../../../packages/kit/src/http/api-errors.ts'
import { parseOrThrow } from '../../../../../packages/kit/src/validation.ts'
import { TRN_LOOKUP_STATUSES, type IdentitySchema, type TrnLookupStatus, type UserRow } from '../../database/schema.ts'
import { findAccountBySub, findUserBySub, liveUsers, mergedUserIds } from '../../users/users.ts'
import { apiCallerOf, requireScope } from '../authenticate.ts'
import { setTrn, updateDetails, type ApiChangeOutcome } from './user-changes.ts'

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE_SIZE = 100

const personName = z.string().trim().min(1).max(200)
const trn = z.string().trim().refine((value) => /^[0-9]{7}$/.test(value), { message: 'trn must be 7 digits', params: { code: 'invalid_trn' } })
const emailFormat = z.email()
const email = z
  .string()
  .trim()
  .max(254)
  .refine((value) => emailFormat.safeParse(value).success, { message: 'email must be an email address, like name@example.com', params: { code: 'invalid_email' } })
const isLookupStatus = (status: string): status is TrnLookupStatus => (TRN_LOOKUP_STATUSES as readonly string[]).includes(status)

const listQuery = z.strictObject({
  pageNumber: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  trnLookupStatus: z
    .string()
    .transform((text) => text.split(',').map((status) => status.trim()).filter(Boolean))
    .refine((statuses) => statuses.length > 0 && statuses.every(isLookupStatus), {
      message: `trnLookupStatus must be one or more of ${TRN_LOOKUP_STATUSES.join(', ')}, separated by commas`,
      params: { code: 'invalid_status' },
    })
    .transform((statuses) => statuses.filter(isLookupStatus))
    .optional(),
})

const trnBody = z.strictObject({ trn: trn.nullable() })

const detailsBody = z
  .strictObject({ email: email.optional(), firstName: personName.optional(), middleName: z.string().trim().max(200).nullable().optional(), lastName: personName.optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one of email, firstName, middleName, lastName', params: { code: 'no_changes' } })

export type ApiUser = {
  userId: string
  email: string
  firstName: string | null
  middleName: string | null
  lastName: string | null
  preferredName: string | null
  dateOfBirth: string | null
  trn: string | null
  trnLookupStatus: TrnLookupStatus | null
  created: string
}

export function apiUser(user: UserRow): ApiUser {
  return {
    userId: user.sub,
    email: user.email,
    firstName: user.given_name,
    middleName: user.middle_name,
    lastName: user.family_name,
    preferredName: user.preferred_name,
    dateOfBirth: user.birthdate,
    trn: user.trn,
    trnLookupStatus: user.trn_lookup_status,
    created: new Date(user.created_at).toISOString(),
  }
}

const userNotFound = (sub: string) => new ApiError(404, 'user_not_found', `There is no user with id ${sub}`)

/** A client holding a merged account's id learns which account the person has now. */
async function notFoundOrMerged(db: Kysely<IdentitySchema>, sub: string): Promise<ApiError> {
  const account = await findAccountBySub(db, sub)
  if (!account?.merged_into) return userNotFound(sub)
  return new ApiError(404, 'user_merged', `User ${sub} was merged into user ${account.merged_into}: use that id`)
}

function answerFor(outcome: ApiChangeOutcome, sub: string): ApiUser {
  switch (outcome.outcome) {
    case 'changed':
    case 'unchanged':
      return apiUser(outcome.user)
    case 'not_found':
      throw userNotFound(sub)
    case 'trn_on_another_user':
      throw new ApiError(409, 'trn_assigned_to_another_user', 'This TRN is already assigned to another user', { field: 'trn' })
    case 'already_has_trn':
      throw new ApiError(409, 'user_already_has_trn', `This user already has TRN ${outcome.trn}`, { field: 'trn' })
    case 'email_in_use':
      throw new ApiError(409, 'email_in_use', 'Another user already has this email address', { field: 'email' })
  }
}

export function usersRouter(options: { db: Kysely<IdentitySchema>; clock: Clock }): Router {
  const { db, clock } = options
  const router = Router()
  const changeContext = (req: Request) => ({ db, clock, clientId: apiCallerOf(req).clientId })

  router.get('/users/:userId', requireScope('user:read', 'user:write'), async (req, res) => {
    const sub = String(req.params.userId)
    const user = await findUserBySub(db, sub)
    if (!user) throw await notFoundOrMerged(db, sub)
    const registered = await db
      .selectFrom('events')
      .leftJoin('clients', 'clients.client_id', 'events.client_id')
      .select(['events.client_id', 'clients.name'])
      .where('events.user_sub', '=', sub)
      .where('events.event_type', '=', 'user_registered')
      .orderBy('events.id')
      .executeTakeFirst()
    res.json({
      ...apiUser(user),
      registeredWithClientId: registered?.client_id ?? null,
      registeredWithClientDisplayName: registered?.name ?? null,
      mergedUserIds: await mergedUserIds(db, sub),
    })
  })

  router.get('/users', requireScope('user:read', 'user:write'), async (req, res) => {
    const query = parseOrThrow(listQuery, req.query)
    let selection = liveUsers(db)
    if (query.trnLookupStatus) selection = selection.where('trn_lookup_status', 'in', query.trnLookupStatus)
    const [rows, count] = await Promise.all([
      selection
        .selectAll()
        .orderBy('family_name')
        .orderBy('given_name')
        .orderBy('sub')
        .limit(query.pageSize)
        .offset((query.pageNumber - 1) * query.pageSize)
        .execute(),
      selection.select((select) => select.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    ])
    res.json({ users: rows.map(apiUser), total: Number(count.total) })
  })

  router.put('/users/:userId/trn', requireScope('user:write'), async (req, res) => {
    const body = parseOrThrow(trnBody, req.body)
    const sub = String(req.params.userId)
    if (!(await findUserBySub(db, sub))) throw await notFoundOrMerged(db, sub)
    res.json(answerFor(await setTrn(changeContext(req), sub, body.trn), sub))
  })

  router.patch('/users/:userId', requireScope('user:write'), async (req, res) => {
    const body = parseOrThrow(detailsBody, req.body)
    const sub = String(req.params.userId)
    if (!(await findUserBySub(db, sub))) throw await notFoundOrMerged(db, sub)
    const middleName = body.middleName === '' ? null : body.middleName
    res.json(answerFor(await updateDetails(changeContext(req), sub, { ...body, middleName }), sub))
  })

  return router
}
