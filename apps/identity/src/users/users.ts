import { sql, type Insertable, type Kysely } from 'kysely'
import type { IdentitySchema, UserRow, UsersTable } from '../database/schema.ts'
import type { ClaimSource } from './claims.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The accounts people have: every row of `users` but those merged into another account. A merged account's row stays
 * for its history; it cannot sign in and is found by nothing a person or a client service does.
 */
export function liveUsers(db: Kysely<IdentitySchema>) {
  return db.selectFrom('users').where('merged_into', 'is', null)
}

export async function findUserBySub(db: Kysely<IdentitySchema>, sub: string): Promise<UserRow | undefined> {
  if (typeof sub !== 'string' || !UUID.test(sub)) return undefined
  return liveUsers(db).selectAll().where('sub', '=', sub).executeTakeFirst()
}

/** Any account, merged or not: for the support console, which shows merged accounts and where they went. */
export async function findAccountBySub(db: Kysely<IdentitySchema>, sub: string): Promise<UserRow | undefined> {
  if (typeof sub !== 'string' || !UUID.test(sub)) return undefined
  return db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirst()
}

/**
 * SQL for the ids of the accounts merged into the `users` row named `alias`, earliest first: the person's
 * `previous_user_id`s, read in the same statement as the rest of their claims.
 */
export const mergedUserIdsOf = (alias: string) => `array(select m.sub from users m where m.merged_into = ${alias}.sub order by m.merged_at, m.sub)`
const mergedUserIdsColumn = sql<string[]>`${sql.raw(mergedUserIdsOf('users'))}`.as('merged_user_ids')

/** The accounts merged into this one, earliest first: their ids are the person's `previous_user_id`s. */
export async function mergedUserIds(db: Kysely<IdentitySchema>, sub: string): Promise<string[]> {
  const row = await db.selectFrom('users').select(mergedUserIdsColumn).where('sub', '=', sub).executeTakeFirst()
  return row?.merged_user_ids ?? []
}

/** What the person's claims are made of (claims.ts), for a live account, in one statement. */
export async function findClaimSource(db: Kysely<IdentitySchema>, sub: string): Promise<ClaimSource | undefined> {
  if (typeof sub !== 'string' || !UUID.test(sub)) return undefined
  return liveUsers(db)
    .selectAll('users')
    .select(mergedUserIdsColumn)
    .where('sub', '=', sub)
    .executeTakeFirst()
}

/** Email addresses are one account whatever their case. */
export async function findUserByEmail(db: Kysely<IdentitySchema>, email: string): Promise<UserRow | undefined> {
  return liveUsers(db)
    .selectAll()
    .where((where) => where(where.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst()
}

/** Whether another live account than `sub` holds `trn` already (one record is never linked to two accounts). */
export async function trnHeldByAnotherAccount(db: Kysely<IdentitySchema>, trn: string, sub: string): Promise<boolean> {
  return (await liveUsers(db).select('sub').where('trn', '=', trn).where('sub', '!=', sub).executeTakeFirst()) !== undefined
}

export type NewUser = Omit<Insertable<UsersTable>, 'sub' | 'created_at' | 'updated_at' | 'last_signed_in_at' | 'merged_into' | 'merged_at'>

export async function createUser(db: Kysely<IdentitySchema>, user: NewUser, now: Date): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...user, email: user.email.trim(), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
}
