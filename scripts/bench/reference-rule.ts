// The rule the current services use (Find a lost TRN, through the DQT "find teachers" API): a record is a hit when
// at least 3 of 5 attributes agree exactly: full name (first AND last, current or previous names, first names with
// nicknames), date of birth, NI number, email, TRN. Exactly one hit is a match; several go to the helpdesk; none is none.
// Kept here only to compare against; the service itself never uses it.
import { nameTokens } from '../../apps/records/src/matching/normalise.ts'
import { nicknamesOf } from '../../apps/records/src/matching/nicknames.ts'
import type { CandidateRecord, MatchQuery } from '../../apps/records/src/matching/types.ts'

export type ReferenceOutcome = { outcome: 'match'; trn: string } | { outcome: 'possible'; trns: string[] } | { outcome: 'none' }

const REQUIRED_AGREEMENTS = 3

function withNicknames(tokens: string[]): Set<string> {
  return new Set(tokens.flatMap((token) => [token, ...nicknamesOf(token)]))
}

function agreements(query: MatchQuery, record: CandidateRecord): number {
  const recordNames = new Set([
    ...[record.firstName, record.middleName, record.lastName].flatMap(nameTokens),
    ...record.previousNames.flatMap((name) => [name.firstName, name.middleName, name.lastName].flatMap(nameTokens)),
  ])
  const recordLastNames = new Set([record.lastName, ...record.previousNames.map((name) => name.lastName)].flatMap(nameTokens))
  const firstNameAgrees = [...withNicknames(nameTokens(query.firstName))].some((token) => recordNames.has(token))
  const lastNameAgrees = [query.lastName, ...(query.previousLastNames ?? [])].flatMap(nameTokens).some((token) => recordLastNames.has(token))
  let count = firstNameAgrees && lastNameAgrees ? 1 : 0
  if (record.dateOfBirth !== null && record.dateOfBirth === query.dateOfBirth) count++
  if (query.nationalInsuranceNumber && query.nationalInsuranceNumber === record.nationalInsuranceNumber) count++
  if (query.email && record.email && query.email.trim().toLowerCase() === record.email.trim().toLowerCase()) count++
  if (query.trn && query.trn === record.trn) count++
  return count
}

/** Every record with three exact agreements shares a date of birth, NI number, email or TRN with the query,
 * so the engine's candidate set (which includes all of those) is enough to apply the rule exactly. */
export function referenceRule(query: MatchQuery, candidates: CandidateRecord[]): ReferenceOutcome {
  const hits = candidates.filter((record) => agreements(query, record) >= REQUIRED_AGREEMENTS).map((record) => record.trn)
  if (hits.length === 1 && hits[0]) return { outcome: 'match', trn: hits[0] }
  if (hits.length > 1) return { outcome: 'possible', trns: hits }
  return { outcome: 'none' }
}
