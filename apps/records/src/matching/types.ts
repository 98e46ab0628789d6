// The matching engine's contract. Pure data: no Express, no SQL.

/** What a person (or a client service on their behalf) tells us about themselves. Already validated and normalised in shape:
 * dates are real calendar dates as YYYY-MM-DD, the NI number is upper-case without spaces, the TRN is 7 digits. */
export type MatchQuery = {
  firstName: string
  middleName?: string
  lastName: string
  previousLastNames?: string[]
  dateOfBirth: string
  nationalInsuranceNumber?: string
  trn?: string
  email?: string
}

export type PreviousName = {
  firstName: string | null
  middleName: string | null
  lastName: string
}

/** A teaching record as the matcher sees it. */
export type CandidateRecord = {
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  previousNames: PreviousName[]
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  email: string | null
}

/** The keys the database uses to find candidates; see blocking.ts. */
export type BlockingKeys = {
  trn: string | null
  nationalInsuranceNumber: string | null
  email: string | null
  datesOfBirth: string[]
  nameKeys: string[]
}

export type ScoredCandidate = {
  trn: string
  score: number
  reasons: string[]
}

export type MatchResult =
  | { outcome: 'match'; trn: string; score: number; agreedFields: string[]; reasons: string[] }
  | { outcome: 'possible'; candidates: ScoredCandidate[] }
  | { outcome: 'none' }
