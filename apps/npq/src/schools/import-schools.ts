import type { Readable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import { readGiasCsv, type GiasSchool } from './gias-csv.ts'
import { schoolsDb, type SchoolTables } from './schema.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


export type RejectedRow = { line: number; reasons: string[] }

export type SchoolImportReport = {
  /** URNs we did not have before. */
  added: number
  /** Schools whose row in the file was changed more recently (LastChangedDate) than the one stored. */
  updated: number
  /** Rows no newer than what is stored, left as they were. */
  unchanged: number
  rejected: RejectedRow[]
}

export type SchoolImportOptions = {
  batchSize?: number
  onProgress?: (progress: { rowsRead: number; added: number; updated: number; unchanged: number; rejected: number }) => void
}

/**
 * Loads a GIAS establishments export, upserting by URN. A stored school is only overwritten by a row whose
 * LastChangedDate is later than the stored one, so re-running an import (or loading an older file) changes nothing.
 * Bad rows are rejected with their line and reasons and the good ones are loaded; each batch is one statement, so
 * it is stored whole or not at all. Throws CsvFileError, having changed nothing, when the header is not GIAS's.
 */
export async function importSchools<DB extends SchoolTables>(database: Kysely<DB>, input: Readable, options: SchoolImportOptions = {}): Promise<SchoolImportReport> {
  const db = schoolsDb(database)
  const batchSize = options.batchSize ?? 2000
  const report: SchoolImportReport = { added: 0, updated: 0, unchanged: 0, rejected: [] }
  const firstLineOfUrn = new Map<string, number>()
  let rowsRead = 0
  let batch: GiasSchool[] = []
  const progress = () =>
    options.onProgress?.({ rowsRead, added: report.added, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected.length })

  const flush = async () => {
    const written = await upsertSchools(db, batch)
    report.added += written.added
    report.updated += written.updated
    report.unchanged += batch.length - written.added - written.updated
    batch = []
    progress()
  }

  for await (const row of readGiasCsv(input)) {
    rowsRead++
    if (!row.ok) {
      report.rejected.push({ line: row.line, reasons: row.reasons })
      continue
    }
    const earlier = firstLineOfUrn.get(row.school.urn)
    if (earlier !== undefined) {
      report.rejected.push({ line: row.line, reasons: [`URN ${row.school.urn} appears earlier in the file (line ${earlier})`] })
      continue
    }
    firstLineOfUrn.set(row.school.urn, row.line)
    batch.push(row.school)
    if (batch.length >= batchSize) await flush()
  }
  if (batch.length > 0) await flush()
  report.rejected.sort((a, b) => a.line - b.line)
  progress()
  return report
}

/** Inserts new schools and overwrites stored ones only with newer rows; says how many of each. */
export async function upsertSchools<DB extends SchoolTables>(database: DatabaseOrTransaction<DB>, schools: GiasSchool[]): Promise<{ added: number; updated: number }> {
  const db = schoolsDb(database)
  if (schools.length === 0) return { added: 0, updated: 0 }
  const column = <T>(pick: (school: GiasSchool) => T) => sql.val(schools.map(pick))
  // xmax is 0 on a row version this statement inserted, and set on one it updated: it tells the two apart.
  const result = await sql<{ added: number; updated: number }>`
    with written as (
      insert into schools (urn, name, search_name, la_code, la_name, establishment_type_code, establishment_type_name,
                           establishment_status_code, status, phase_of_education, ukprn, address_1, address_2, address_3,
                           town, county, postcode, number_of_pupils, open_date, close_date, last_changed_date)
      select * from unnest(
        ${column((school) => school.urn)}::text[], ${column((school) => school.name)}::text[], ${column((school) => school.searchName)}::text[],
        ${column((school) => school.laCode)}::text[], ${column((school) => school.laName)}::text[],
        ${column((school) => school.establishmentTypeCode)}::text[], ${column((school) => school.establishmentTypeName)}::text[],
        ${column((school) => school.establishmentStatusCode)}::text[], ${column((school) => school.status)}::text[],
        ${column((school) => school.phaseOfEducation)}::text[], ${column((school) => school.ukprn)}::text[],
        ${column((school) => school.address1)}::text[], ${column((school) => school.address2)}::text[], ${column((school) => school.address3)}::text[],
        ${column((school) => school.town)}::text[], ${column((school) => school.county)}::text[], ${column((school) => school.postcode)}::text[],
        ${column((school) => school.numberOfPupils)}::integer[], ${column((school) => school.openDate)}::date[],
        ${column((school) => school.closeDate)}::date[], ${column((school) => school.lastChangedDate)}::date[]
      )
      on conflict (urn) do update set
        name = excluded.name, search_name = excluded.search_name, la_code = excluded.la_code, la_name = excluded.la_name,
        establishment_type_code = excluded.establishment_type_code, establishment_type_name = excluded.establishment_type_name,
        establishment_status_code = excluded.establishment_status_code, status = excluded.status,
        phase_of_education = excluded.phase_of_education, ukprn = excluded.ukprn, address_1 = excluded.address_1,
        address_2 = excluded.address_2, address_3 = excluded.address_3, town = excluded.town, county = excluded.county,
        postcode = excluded.postcode, number_of_pupils = excluded.number_of_pupils, open_date = excluded.open_date,
        close_date = excluded.close_date, last_changed_date = excluded.last_changed_date, updated_at = now()
      where schools.last_changed_date < excluded.last_changed_date
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::integer as added, (count(*) filter (where not inserted))::integer as updated from written`.execute(db)
  const counts = result.rows[0]
  return { added: Number(counts?.added ?? 0), updated: Number(counts?.updated ?? 0) }
}
