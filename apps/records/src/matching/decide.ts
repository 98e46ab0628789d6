// decideMatch: from the records the blocking query found to match, possible or none (rules in docs/matching.md).
import { compareWithRecord, prepareQuery } from './compare.ts'
import type { Comparison, PreparedQuery } from './compare.ts'
import { nameTokens } from './normalise.ts'
import {
  MAX_EXPECTED_COINCIDENCES,
  UNCOMMON_NAME_HOLDERS,
  expectedCoincidences,
  expectedNameHolders,
} from './rarity.ts'
import { fullNameStrong, isNearMiss, isPlausibleRival, matchRule, missesOnlyRarity } from './rules.ts'
import type { MatchRule } from './rules.ts'
import { agreedFields, comparisonReasons, scoreComparison } from './score.ts'
import type { CandidateRecord, MatchQuery, MatchResult, ScoredCandidate } from './types.ts'

export type DecideOptions = {
  /** The blocking query hit its row limit: some records that share a name key may be missing. */
  truncated: boolean
}

/** At most this many candidates go to a helpdesk agent. */
export const MAX_POSSIBLE_CANDIDATES = 10

/** Reason added to a record that would match on its own but has a plausible rival (absolute rule 1). */
export const OTHER_PLAUSIBLE_RECORD = 'other_plausible_record'
/** Reason added to a record that agrees on full name and date of birth only, for a name too common to rely on. */
export const NAME_TOO_COMMON_TO_MATCH = 'name_too_common_to_match'

type Evaluation = {
  record: CandidateRecord
  comparison: Comparison
  score: number
  rule: MatchRule | null
}

export function decideMatch(
  query: MatchQuery,
  candidates: readonly CandidateRecord[],
  options: DecideOptions,
): MatchResult {
  const prepared = prepareQuery(query)
  const compared = compareAll(prepared, candidates)
  const namesakes = compared.filter(({ comparison }) => fullNameStrong(comparison)).length
  const nameHolders = (record: CandidateRecord, comparison: Comparison) =>
    expectedNameHolders(
      { givenNames: [prepared.firstName, nameTokens(record.firstName)[0] ?? ''], surnames: prepared.surnames },
      namesakes - (fullNameStrong(comparison) ? 1 : 0),
    )

  const evaluations: Evaluation[] = compared.map(({ record, comparison }) => {
    const nameIsRare = () => {
      if (options.truncated) return false
      const middle = comparison.middleName === 'agrees' ? prepared.middleNames[0] : undefined
      return expectedCoincidences(nameHolders(record, comparison), middle) < MAX_EXPECTED_COINCIDENCES
    }
    return { record, comparison, score: scoreComparison(comparison, prepared), rule: matchRule(comparison, nameIsRare) }
  })

  const matchable = evaluations.filter((evaluation) => evaluation.rule !== null)
  const blocked = new Set<Evaluation>()
  for (const candidate of matchable) {
    const rivalled = evaluations.some(
      (other) => other !== candidate && (other.rule !== null || isPlausibleRival(other.comparison)),
    )
    if (!rivalled) return matchOf(candidate)
    blocked.add(candidate)
  }

  const shown = evaluations.filter(
    ({ record, comparison, rule }) =>
      rule !== null ||
      isNearMiss(comparison, () => !options.truncated && nameHolders(record, comparison) < UNCOMMON_NAME_HOLDERS),
  )
  if (shown.length === 0) return { outcome: 'none' }
  shown.sort((a, b) => b.score - a.score || compareText(a.record.trn, b.record.trn))
  return {
    outcome: 'possible',
    candidates: shown.slice(0, MAX_POSSIBLE_CANDIDATES).map((evaluation) => possibleOf(evaluation, blocked)),
  }
}

/** Compare every record once; the same TRN twice in the rows is one record. */
function compareAll(query: PreparedQuery, candidates: readonly CandidateRecord[]) {
  const seen = new Set<string>()
  const compared: { record: CandidateRecord; comparison: Comparison }[] = []
  for (const record of candidates) {
    if (seen.has(record.trn)) continue
    seen.add(record.trn)
    compared.push({ record, comparison: compareWithRecord(query, record) })
  }
  return compared
}

function matchOf({ record, comparison, score, rule }: Evaluation): MatchResult {
  return {
    outcome: 'match',
    trn: record.trn,
    score,
    agreedFields: agreedFields(comparison),
    reasons: [...comparisonReasons(comparison), `rule_${rule}`],
  }
}

function possibleOf(evaluation: Evaluation, blocked: ReadonlySet<Evaluation>): ScoredCandidate {
  const reasons = comparisonReasons(evaluation.comparison)
  if (blocked.has(evaluation)) reasons.push(OTHER_PLAUSIBLE_RECORD)
  else if (missesOnlyRarity(evaluation.comparison)) reasons.push(NAME_TOO_COMMON_TO_MATCH)
  return { trn: evaluation.record.trn, score: evaluation.score, reasons }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
