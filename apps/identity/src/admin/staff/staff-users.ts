import { sql, type Kysely, type Selectable } from 'kysely'
import { systemClock, type Clock } from '../../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../../database/schema.ts'
import { recordAdminEvent, type StaffActor } from '../shared/events.ts'
import { adminDb, isUuid, STAFF_ROLES, type AdminSchema, type StaffRole, type StaffUsersTable } from '../schema.ts'

export type StaffUser = {
  id: string
  email: string
  name: string
  roles: StaffRole[]
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export type NewStaffUser = { email: string; name: string; roles: readonly string[] }
export type StaffChanges = { name?: string; roles?: readonly string[]; active?: boolean }

type Db = Kysely<IdentitySchema> | Kysely<AdminSchema>

/** What stops a staff account being added or changed, in words an admin (or the CLI's user) can act on. */
export class StaffError extends Error {
  readonly problems: Array<{ field: 'email' | 'name' | 'roles'; message: string }>
  constructor(problems: StaffError['problems']) {
    super(problems.map((problem) => problem.message).join('; '))
    this.name = 'StaffError'
    this.problems = problems
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The roles in a fixed order, each once; throws nothing (unknown roles are reported by `staffProblems`). */
export const canonicalRoles = (roles: readonly string[]): StaffRole[] => STAFF_ROLES.filter((role) => roles.includes(role))

export function staffProblems(input: { email?: string; name?: string; roles?: readonly string[] }): StaffError['problems'] {
  const problems: StaffError['problems'] = []
  if (input.email !== undefined) {
    const email = input.email.trim()
    if (email === '') problems.push({ field: 'email', message: 'Enter an email address' })
    else if (email.length > 254 || !EMAIL.test(email)) problems.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' })
  }
  if (input.name !== undefined) {
    const name = input.name.trim()
    if (name === '') problems.push({ field: 'name', message: 'Enter a name' })
    else if (name.length > 200) problems.push({ field: 'name', message: 'Name must be 200 characters or less' })
  }
  if (input.roles !== undefined) {
    const unknown = input.roles.filter((role) => !(STAFF_ROLES as readonly string[]).includes(role))
    if (unknown.length > 0) problems.push({ field: 'roles', message: `Unknown role ${unknown.map((role) => `"${role}"`).join(', ')}: roles are ${STAFF_ROLES.join(' and ')}` })
    else if (input.roles.length === 0) problems.push({ field: 'roles', message: 'Select at least one role' })
  }
  return problems
}

export function toStaffUser(row: Selectable<StaffUsersTable>): StaffUser {
  return { id: row.id, email: row.email, name: row.name, roles: canonicalRoles(row.roles), active: row.active, createdAt: row.created_at, updatedAt: row.updated_at }
}

/** Admins may do everything support agents may. */
export function hasRole(staff: Pick<StaffUser, 'roles'>, role: StaffRole): boolean {
  return staff.roles.includes('admin') || staff.roles.includes(role)
}

export async function findStaffById(db: Db, id: string): Promise<StaffUser | undefined> {
  if (!isUuid(id)) return undefined
  const row = await adminDb(db).selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toStaffUser(row) : undefined
}

/** Addresses are one account whatever their case. */
export async function findStaffByEmail(db: Db, email: string): Promise<StaffUser | undefined> {
  const row = await adminDb(db)
    .selectFrom('staff_users')
    .selectAll()
    .where((where) => where(where.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst()
  return row ? toStaffUser(row) : undefined
}

export async function listStaff(db: Db): Promise<StaffUser[]> {
  const rows = await adminDb(db).selectFrom('staff_users').selectAll().orderBy('active', 'desc').orderBy('name').orderBy('id').execute()
  return rows.map(toStaffUser)
}

const settingsOf = (staff: StaffUser) => ({ email: staff.email, name: staff.name, roles: staff.roles, active: staff.active })

/** Adds a member of staff, with the event that says who added them. */
export async function addStaff(db: Db, clock: Clock, input: NewStaffUser, options: { by: StaffActor | string }): Promise<StaffUser> {
  const problems = staffProblems(input)
  if (problems.length > 0) throw new StaffError(problems)
  const now = clock.now()
  return adminDb(db)
    .transaction()
    .execute(async (trx) => {
      if (await findStaffByEmail(trx, input.email)) throw new StaffError([{ field: 'email', message: 'A staff account with this email address already exists' }])
      const row = await trx
        .insertInto('staff_users')
        .values({ email: input.email.trim(), name: input.name.trim(), roles: canonicalRoles(input.roles), created_at: now, updated_at: now })
        // Two admins adding the same address at once: the unique index decides, the loser is told as above.
        .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
        .returningAll()
        .executeTakeFirst()
      if (!row) throw new StaffError([{ field: 'email', message: 'A staff account with this email address already exists' }])
      const staff = toStaffUser(row)
      await recordAdminEvent(trx, { type: 'staff_added', by: options.by, occurredAt: now, details: { staffId: staff.id, before: null, after: settingsOf(staff) } })
      return staff
    })
}

export type StaffUpdate = { outcome: 'updated' | 'unchanged'; staff: StaffUser } | { outcome: 'not_found' }

/** Changes a member of staff's name, roles or whether they are active; a change that changes nothing records nothing. */
export async function updateStaff(db: Db, clock: Clock, id: string, changes: StaffChanges, options: { by: StaffActor | string }): Promise<StaffUpdate> {
  const problems = staffProblems({ name: changes.name, roles: changes.roles })
  if (problems.length > 0) throw new StaffError(problems)
  if (!isUuid(id)) return { outcome: 'not_found' }
  const now = clock.now()
  return adminDb(db)
    .transaction()
    .execute(async (trx): Promise<StaffUpdate> => {
      const row = await trx.selectFrom('staff_users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      if (!row) return { outcome: 'not_found' }
      const before = toStaffUser(row)
      const after: StaffUser = {
        ...before,
        name: changes.name === undefined ? before.name : changes.name.trim(),
        roles: changes.roles === undefined ? before.roles : canonicalRoles(changes.roles),
        active: changes.active ?? before.active,
      }
      if (JSON.stringify(settingsOf(before)) === JSON.stringify(settingsOf(after))) return { outcome: 'unchanged', staff: before }
      const updated = await trx
        .updateTable('staff_users')
        .set({ name: after.name, roles: after.roles, active: after.active, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      const staff = toStaffUser(updated)
      await recordAdminEvent(trx, { type: 'staff_updated', by: options.by, occurredAt: now, details: { staffId: id, before: settingsOf(before), after: settingsOf(staff) } })
      return { outcome: 'updated', staff }
    })
}

/** Development only: the staff of the demo data, whose addresses are public (apps/identity/README.md). */
export const DEMO_STAFF: readonly NewStaffUser[] = [
  { email: 'admin@example.com', name: 'Demo Admin', roles: ['admin'] },
  { email: 'support@example.com', name: 'Demo Support Agent', roles: ['support'] },
]

/** Adds the demo staff that are missing; returns the addresses it added. */
export async function seedDemoStaff(db: Kysely<IdentitySchema>, clock: Clock = systemClock): Promise<string[]> {
  const added: string[] = []
  for (const staff of DEMO_STAFF) {
    if (await findStaffByEmail(db, staff.email)) continue
    await addStaff(db, clock, staff, { by: 'seed' })
    added.push(staff.email)
  }
  return added
}
