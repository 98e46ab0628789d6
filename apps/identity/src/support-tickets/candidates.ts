import type { RecordsClient } from '../teaching-records/records-client.ts'
import type { CandidateDetails } from './ticket-content.ts'

/**
 * The matcher's `possible` candidates with their records' names and dates of birth, for the agent to compare side by
 * side. Read at the same time; a record that cannot be read (the records service is down) is left without details
 * rather than holding up the person's journey.
 */
export async function describeCandidates(
  records: Pick<RecordsClient, 'getRecord'>,
  candidates: ReadonlyArray<{ trn: string; score: number; reasons: readonly string[] }>,
): Promise<CandidateDetails[]> {
  return Promise.all(
    candidates.map(async (candidate) => {
      const record = await records.getRecord(candidate.trn).catch(() => null)
      return {
        trn: candidate.trn,
        score: candidate.score,
        reasons: [...candidate.reasons],
        record: record ? { firstName: record.firstName, middleName: record.middleName, lastName: record.lastName, dateOfBirth: record.dateOfBirth } : null,
      }
    }),
  )
}
