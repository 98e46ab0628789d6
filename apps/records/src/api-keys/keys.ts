import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { RecordsSchema } from '../database/schema.ts'

/** What a key may do. `match` asks the matcher; `read` reads records; `write` changes them; `allocate` asks for TRNs. */
export const API_ROLES = ['match', 'read', 'write', 'allocate'] as const
export type ApiRole = (typeof API_ROLES)[number]

export function isApiRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value)
}

export type ApiClient = { id: string; name: string; roles: ApiRole[]; requestsPerMinute: number }

const KEY_PREFIX = 'trs_'

export function generateApiKey(random: (size: number) => Buffer = randomBytes): string {
  return `${KEY_PREFIX}${random(32).toString('base64url')}`
}

/** Keys are 256 random bits, so a plain SHA-256 is enough to make a stolen table useless; no slow hash is needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export async function createApiKey(
  db: Kysely<RecordsSchema>,
  options: { name: string; roles: ApiRole[]; requestsPerMinute?: number; key?: string },
): Promise<{ id: string; key: string }> {
  const key = options.key ?? generateApiKey()
  const row = await db
    .insertInto('api_keys')
    .values({
      name: options.name,
      key_hash: hashApiKey(key),
      roles: options.roles,
      ...(options.requestsPerMinute ? { requests_per_minute: options.requestsPerMinute } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, key }
}

export async function findApiClient(db: Kysely<RecordsSchema>, presentedKey: string): Promise<ApiClient | undefined> {
  if (!presentedKey.startsWith(KEY_PREFIX) || presentedKey.length > 100) return undefined
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'roles', 'requests_per_minute'])
    .where('key_hash', '=', hashApiKey(presentedKey))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, name: row.name, roles: row.roles.filter(isApiRole), requestsPerMinute: row.requests_per_minute }
}
