import { sql, type Kysely } from 'kysely'
import type { NpqSchema } from '../database/schema.ts'
import { courseByIdentifier } from '../funding/courses.ts'
import { STORED_FUNDING_STATUS_CODES, type StoredFundingStatusCode } from '../funding/funding-eligibility.ts'
import { explainFunding, type FundingExplanation } from '../funding/funding-explanations.ts'

export type RegistrationSummary = {
  id: string
  courseName: string
  providerName: string
  cohortName: string
  submittedOn: string
  statusText: string
}

export type RegistrationDetails = RegistrationSummary & {
  rows: Array<{ key: { text: string }; value: { text: string } }>
  funding: FundingExplanation
}

const STATUS_TEXT = { pending: 'Waiting for the provider to decide', accepted: 'Accepted by the provider', rejected: 'Not accepted by the provider' } as const

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })

// Reference data is read by name from its own tables; the registration keeps only the identifiers it was made with.
type Row = {
  id: string
  course_identifier: string
  lead_provider_identifier: string
  cohort_identifier: string
  lead_provider_approval_status: keyof typeof STATUS_TEXT
  funding_eligibility_status_code: string
  eligible_for_funding: boolean
  funding_choice: string | null
  school_urn: string | null
  private_childcare_provider_urn: string | null
  created_at: Date
  provider_name: string | null
  cohort_description: string | null
  cohort_funding: 'zero' | 'capped' | 'full' | null
}

async function registrationRows(db: Kysely<NpqSchema>, userId: string, id?: string): Promise<Row[]> {
  const result = await sql<Row>`
    select a.id, a.course_identifier, a.lead_provider_identifier, a.cohort_identifier, a.lead_provider_approval_status,
           a.funding_eligibility_status_code, a.eligible_for_funding, a.funding_choice, a.school_urn,
           a.private_childcare_provider_urn, a.created_at,
           p.name as provider_name, c.description as cohort_description, c.funding as cohort_funding
      from applications a
      left join lead_providers p on p.identifier = a.lead_provider_identifier
      left join cohorts c on c.identifier = a.cohort_identifier
     where a.user_id = ${userId} ${id ? sql`and a.id = ${id}` : sql``}
     order by a.created_at desc`.execute(db)
  return result.rows
}

function summary(row: Row): RegistrationSummary {
  return {
    id: row.id,
    courseName: courseByIdentifier(row.course_identifier)?.fullName ?? row.course_identifier,
    providerName: row.provider_name ?? row.lead_provider_identifier,
    cohortName: row.cohort_description ?? row.cohort_identifier,
    submittedOn: DATE_FORMAT.format(new Date(row.created_at)),
    statusText: STATUS_TEXT[row.lead_provider_approval_status],
  }
}

export async function listRegistrations(db: Kysely<NpqSchema>, userId: string): Promise<RegistrationSummary[]> {
  return (await registrationRows(db, userId)).map(summary)
}

/** One of this person's registrations; another person's id finds nothing. */
export async function findRegistration(db: Kysely<NpqSchema>, userId: string, id: string): Promise<RegistrationDetails | undefined> {
  const [row] = await registrationRows(db, userId, id)
  if (!row) return undefined
  const registration = summary(row)
  const code = STORED_FUNDING_STATUS_CODES.find((known) => known === row.funding_eligibility_status_code) as StoredFundingStatusCode | undefined
  const funding = code
    ? explainFunding(code, { courseName: registration.courseName, ...(row.cohort_funding ? { cohortFundingMode: row.cohort_funding } : {}) })
    : { heading: 'Funding', paragraphs: [] }
  const rows = [
    { key: { text: 'Course' }, value: { text: registration.courseName } },
    { key: { text: 'Provider' }, value: { text: registration.providerName } },
    { key: { text: 'Course start' }, value: { text: registration.cohortName } },
    { key: { text: 'Registered on' }, value: { text: registration.submittedOn } },
    { key: { text: 'Status' }, value: { text: registration.statusText } },
  ]
  return { ...registration, rows, funding }
}
