import { sql, type Kysely } from 'kysely'
import type { IdentitySchema, UserRow } from '../../database/schema.ts'
import { isUuid } from '../schema.ts'
import { liveUsers } from '../../users/users.ts'

export const MAX_QUERY_LENGTH = 200

export type UserSearch =
  | { by: 'trn'; trn: string }
  | { by: 'email'; text: string }
  | { by: 'sub'; sub: string }
  | { by: 'name'; words: string[] }
  | { by: 'nothing' }

/**
 * What a search box query means: 7 digits are a TRN, a uuid an account id, anything with `@` (or one word with a dot,
 * like a domain) part of an email address, anything else names.
 */
export function readUserSearch(query: string): UserSearch {
  const text = query.trim()
  if (text === '') return { by: 'nothing' }
  const digits = text.replace(/[\s-]/g, '')
  if (/^\d{7}$/.test(digits)) return { by: 'trn', trn: digits }
  if (isUuid(text)) return { by: 'sub', sub: text.toLowerCase() }
  if (text.includes('@') || /^[^\s.]+(\.[^\s.]+)+$/.test(text)) return { by: 'email', text: text.toLowerCase() }
  const words = text.split(/\s+/).filter(Boolean).slice(0, 5)
  return { by: 'name', words }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`

/** Up to `limit` accounts, by last then first name. */
export async function searchUsers(db: Kysely<IdentitySchema>, search: UserSearch, limit: number): Promise<UserRow[]> {
  if (search.by === 'nothing') return []
  // Merged accounts are found only by their id (an agent following an old reference); their pages say where they went.
  let query = search.by === 'sub' ? db.selectFrom('users').selectAll() : liveUsers(db).selectAll()
  switch (search.by) {
    case 'trn':
      query = query.where('trn', '=', search.trn)
      break
    case 'sub':
      query = query.where('sub', '=', search.sub)
      break
    case 'email':
      query = query.where(sql<boolean>`lower(email) like ${likePattern(search.text)}`)
      break
    case 'name':
      // Every word must be part of one of the names.
      for (const word of search.words) {
        const pattern = likePattern(word.toLowerCase())
        query = query.where(
          sql<boolean>`(lower(given_name) like ${pattern} or lower(middle_name) like ${pattern} or lower(family_name) like ${pattern} or lower(preferred_name) like ${pattern})`,
        )
      }
      break
  }
  return query.orderBy(sql`lower(family_name)`).orderBy(sql`lower(given_name)`).orderBy('created_at').limit(limit).execute()
}
