import type { SchoolStatus } from './schema.ts'

/** GIAS establishment status codes and the names its export writes beside them. */
export const GIAS_STATUSES: ReadonlyArray<{ code: string; name: string; status: SchoolStatus }> = [
  { code: '1', name: 'Open', status: 'open' },
  { code: '2', name: 'Closed', status: 'closed' },
  { code: '3', name: 'Open, but proposed to close', status: 'open' },
  { code: '4', name: 'Proposed to open', status: 'proposed_to_open' },
]

/**
 * The form of a name that searches compare: lower case, apostrophes dropped ("St Paul's" → "st pauls") and any
 * other run of punctuation or spaces made one space, so "st-pauls" and "St. Paul's" find the same school.
 */
export function searchableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
