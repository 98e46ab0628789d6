// The matching engine's public face: what the records service imports.
export type { BlockingKeys, CandidateRecord, MatchQuery, MatchResult, PreviousName, ScoredCandidate } from './types.ts'
export { blockingKeysForQuery, emailKey, nameKeysForRecord, surnameKeys } from './blocking.ts'
export type { RecordNames } from './blocking.ts'
export { decideMatch, MAX_POSSIBLE_CANDIDATES, NAME_TOO_COMMON_TO_MATCH, OTHER_PLAUSIBLE_RECORD } from './decide.ts'
export type { DecideOptions } from './decide.ts'
export {
  isValidNationalInsuranceNumber,
  isValidTrn,
  normaliseNationalInsuranceNumber,
  normaliseTrn,
} from './identifiers.ts'
