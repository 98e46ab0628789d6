import type { Kysely } from 'kysely'
import type { RecordsSchema } from '../../database/schema.ts'
import { blockingKeysForQuery } from '../../matching/blocking.ts'
import { decideMatch } from '../../matching/decide.ts'
import type { MatchQuery, MatchResult } from '../../matching/types.ts'
import { findCandidates } from './find-candidates.ts'

/** Finds the candidates for a query in the database and lets the matching rules decide. */
export async function matchPerson(db: Kysely<RecordsSchema>, query: MatchQuery): Promise<MatchResult> {
  const { candidates, truncated } = await findCandidates(db, blockingKeysForQuery(query))
  return decideMatch(query, candidates, { truncated })
}
