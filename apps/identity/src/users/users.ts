import type { Insertable, Kysely } from 'kysely'
import type { IdentitySchema, UserRow, UsersTable } from '../database/schema.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function findUserBySub(db: Kysely<IdentitySchema>, sub: string): Promise<UserRow | undefined> {
  if (typeof sub !== 'string' || !UUID.test(sub)) return undefined
  return db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirst()
}

/** Email addresses are one account whatever their case. */
export async function findUserByEmail(db: Kysely<IdentitySchema>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((where) => where(where.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst()
}

export type NewUser = Omit<Insertable<UsersTable>, 'sub' | 'created_at' | 'updated_at' | 'last_signed_in_at'>

export async function createUser(db: Kysely<IdentitySchema>, user: NewUser, now: Date): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...user, email: user.email.trim(), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
}
