// Builders for tests: a record and a query for the same person, Sarah Jones, unless told otherwise.
import type { CandidateRecord, MatchQuery } from './types.ts'

export function aRecord(overrides: Partial<CandidateRecord> = {}): CandidateRecord {
  return {
    trn: '1234567',
    firstName: 'Sarah',
    middleName: null,
    lastName: 'Jones',
    previousNames: [],
    dateOfBirth: '1985-06-21',
    nationalInsuranceNumber: 'AB123456C',
    email: 'sarah.jones@example.com',
    ...overrides,
  }
}

export function aQuery(overrides: Partial<MatchQuery> = {}): MatchQuery {
  return {
    firstName: 'Sarah',
    lastName: 'Jones',
    dateOfBirth: '1985-06-21',
    nationalInsuranceNumber: 'AB123456C',
    trn: '1234567',
    email: 'sarah.jones@example.com',
    ...overrides,
  }
}

/** A query with only the given fields (the rest left out): names and date of birth are always there. */
export function aBareQuery(overrides: Partial<MatchQuery> = {}): MatchQuery {
  return { firstName: 'Sarah', lastName: 'Jones', dateOfBirth: '1985-06-21', ...overrides }
}
