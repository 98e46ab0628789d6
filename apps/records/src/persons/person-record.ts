import type { Kysely } from 'kysely'
import type { PersonRow, RecordsSchema, StoredPreviousName } from '../database/schema.ts'

/** A teaching record as the API returns it. */
export type PersonRecord = {
  trn: string
  status: PersonRow['status']
  firstName: string
  middleName: string | null
  lastName: string
  previousNames: StoredPreviousName[]
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  email: string | null
  sex: PersonRow['sex']
  qtsDate: string | null
  eytsDate: string | null
  inductionStatus: PersonRow['induction_status']
  alerts: Array<{
    type: { code: string; name: string; category: string; isProhibition: boolean }
    details: string | null
    startDate: string | null
    endDate: string | null
    isOpen: boolean
  }>
  npqQualifications: Array<{ type: string; awardedOn: string }>
}

export type PersonLookup =
  | { kind: 'found'; person: PersonRecord }
  | { kind: 'not_found' }
  | { kind: 'deactivated' }
  | { kind: 'merged'; survivingTrn: string }

const MAX_MERGE_CHAIN = 10

export async function lookUpPerson(db: Kysely<RecordsSchema>, trn: string): Promise<PersonLookup> {
  let row = await db.selectFrom('persons').selectAll().where('trn', '=', trn).executeTakeFirst()
  if (!row) return { kind: 'not_found' }
  if (row.status === 'deactivated') return { kind: 'deactivated' }
  if (row.status === 'merged') {
    // A record merged into one that was itself merged later points at the final survivor.
    for (let hops = 0; row.status === 'merged' && row.merged_into_trn && hops < MAX_MERGE_CHAIN; hops++) {
      const next = await db.selectFrom('persons').selectAll().where('trn', '=', row.merged_into_trn).executeTakeFirst()
      if (!next) break
      row = next
    }
    return { kind: 'merged', survivingTrn: row.trn }
  }
  return { kind: 'found', person: await toPersonRecord(db, row) }
}

async function toPersonRecord(db: Kysely<RecordsSchema>, row: PersonRow): Promise<PersonRecord> {
  const [alerts, npqs] = await Promise.all([
    db
      .selectFrom('alerts')
      .innerJoin('alert_types', 'alert_types.code', 'alerts.alert_type_code')
      .select(['alert_types.code', 'alert_types.name', 'alert_types.category', 'alert_types.is_prohibition', 'alerts.details', 'alerts.start_date', 'alerts.end_date'])
      .where('alerts.person_id', '=', row.id)
      .orderBy('alerts.start_date', 'desc')
      .execute(),
    db.selectFrom('npq_qualifications').select(['npq_type', 'awarded_on']).where('person_id', '=', row.id).orderBy('awarded_on', 'desc').execute(),
  ])
  return {
    ...personSummary(row),
    status: row.status,
    previousNames: row.previous_names,
    nationalInsuranceNumber: row.national_insurance_number,
    email: row.email,
    sex: row.sex,
    alerts: alerts.map((alert) => ({
      type: { code: alert.code, name: alert.name, category: alert.category, isProhibition: alert.is_prohibition },
      details: alert.details,
      startDate: alert.start_date,
      endDate: alert.end_date,
      isOpen: alert.end_date === null,
    })),
    npqQualifications: npqs.map((npq) => ({ type: npq.npq_type, awardedOn: npq.awarded_on })),
  }
}

/** What an employer's exact lookup shows for each person found. */
export function personSummary(row: PersonRow) {
  return {
    trn: row.trn,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    qtsDate: row.qts_date,
    eytsDate: row.eyts_date,
    inductionStatus: row.induction_status,
  }
}
