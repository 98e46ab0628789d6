import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { sql, type Kysely } from 'kysely'
import type { RecordsSchema } from '../database/schema.ts'
import { personRow } from '../persons/person-row.ts'
import { checkHeader, checkRecordRow, type ImportedRecord } from './record-row.ts'

export type RejectedRow = { line: number; reasons: string[] }

export type ImportReport = {
  imported: number
  rejected: RejectedRow[]
  /** Set when the file could not be read at all (bad header); nothing was imported. */
  fileProblems: string[]
}

export type ImportOptions = {
  actor: string
  today: string
  batchSize?: number
  /** Batches written at once; more overlaps parsing with writing on a database server. */
  concurrency?: number
  onProgress?: (progress: { rowsRead: number; imported: number; rejected: number }) => void
}

const KEY_SEPARATOR = String.fromCharCode(31)

/**
 * Streams a CSV of teaching records into the database in batches. A row that is invalid, repeats a TRN
 * seen earlier in the file, or has a TRN already on record is rejected with its line and reasons; every
 * other row is imported. Each batch is one statement, so a batch is stored whole or not at all.
 */
export async function importRecords(db: Kysely<RecordsSchema>, input: Readable, options: ImportOptions): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 5000
  const concurrency = options.concurrency ?? 2
  const report: ImportReport = { imported: 0, rejected: [], fileProblems: [] }
  const alertCodes = new Set((await db.selectFrom('alert_types').select('code').execute()).map((row) => row.code))
  const seenTrns = new Set<string>()
  let rowsRead = 0
  let rowsWithWrongColumnCount = 0
  let batch: Array<{ line: number; record: ImportedRecord }> = []
  const inFlight = new Set<Promise<void>>()

  const parser = parse({
    columns: (header: string[]) => {
      const columns = header.map((column) => column.trim().toLowerCase())
      report.fileProblems = checkHeader(columns)
      if (report.fileProblems.length > 0) throw new Error('bad header')
      return columns
    },
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  })
  parser.on('skip', (error: Error & { lines?: number }) => {
    report.rejected.push({ line: error.lines ?? 0, reasons: [`the row cannot be read as CSV: ${error.message}`] })
  })

  const progress = () => options.onProgress?.({ rowsRead, imported: report.imported, rejected: report.rejected.length })

  const flush = async () => {
    const rows = batch
    batch = []
    const write = writeBatch(db, rows, options.actor).then((alreadyOnRecord) => {
      report.imported += rows.length - alreadyOnRecord.length
      for (const line of alreadyOnRecord) report.rejected.push({ line, reasons: ['a teaching record with this trn already exists'] })
      progress()
    })
    inFlight.add(write)
    void write.finally(() => inFlight.delete(write)).catch(() => {})
    if (inFlight.size >= concurrency) await Promise.race(inFlight)
  }

  try {
    input.pipe(parser)
    for await (const { record: row, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      rowsRead++
      const line = info.lines
      // csv-parse counts rows with the wrong number of columns so far; an increase means this row is one.
      if (info.invalid_field_length > rowsWithWrongColumnCount) {
        rowsWithWrongColumnCount = info.invalid_field_length
        report.rejected.push({ line, reasons: ['the row has a different number of columns from the header'] })
        continue
      }
      const checked = checkRecordRow(row, { today: options.today, alertCodes })
      if (!checked.ok) {
        report.rejected.push({ line, reasons: checked.reasons })
        continue
      }
      if (seenTrns.has(checked.record.trn)) {
        report.rejected.push({ line, reasons: [`trn ${checked.record.trn} appears earlier in the file`] })
        continue
      }
      seenTrns.add(checked.record.trn)
      batch.push({ line, record: checked.record })
      if (batch.length >= batchSize) await flush()
    }
    if (batch.length > 0) await flush()
  } catch (error) {
    if (report.fileProblems.length === 0) throw error
  } finally {
    await Promise.all(inFlight)
  }
  report.rejected.sort((a, b) => a.line - b.line)
  if (report.imported > 0) await settleIndexes(db)
  progress()
  return report
}

/**
 * Bulk inserts leave new name keys in the GIN index's pending list, which every match query would then scan
 * row by row. Merging them now, and refreshing the planner's statistics, keeps matching fast straight after an import.
 */
async function settleIndexes(db: Kysely<RecordsSchema>): Promise<void> {
  await sql`select gin_clean_pending_list('persons_name_keys'::regclass)`.execute(db)
  await sql`analyze persons`.execute(db)
}

/** Inserts one batch with its alerts and creation events; returns the lines whose TRN was already on record. */
async function writeBatch(db: Kysely<RecordsSchema>, rows: Array<{ line: number; record: ImportedRecord }>, actor: string): Promise<number[]> {
  const values = rows.map(({ record }) => personRow(record))
  const column = <T>(pick: (value: (typeof values)[number]) => T) => sql.val(values.map(pick))
  const inserted = await db.transaction().execute(async (trx) => {
    const result = await sql<{ id: string; trn: string }>`
      with new_rows as (
        insert into persons (trn, first_name, middle_name, last_name, previous_names, date_of_birth, national_insurance_number,
                             email, email_key, qts_date, eyts_date, induction_status, name_keys, last_name_keys)
        select trn, first_name, middle_name, last_name, previous_names::jsonb, date_of_birth, national_insurance_number,
               email, email_key, qts_date, eyts_date, induction_status,
               string_to_array(name_keys, chr(31)), string_to_array(last_name_keys, chr(31))
        from unnest(
          ${column((value) => value.trn)}::text[], ${column((value) => value.first_name)}::text[], ${column((value) => value.middle_name)}::text[],
          ${column((value) => value.last_name)}::text[], ${column((value) => value.previous_names)}::text[], ${column((value) => value.date_of_birth)}::date[],
          ${column((value) => value.national_insurance_number)}::text[], ${column((value) => value.email)}::text[], ${column((value) => value.email_key)}::text[],
          ${column((value) => value.qts_date)}::date[], ${column((value) => value.eyts_date)}::date[], ${column((value) => value.induction_status)}::text[],
          ${column((value) => (value.name_keys ?? []).join(KEY_SEPARATOR))}::text[], ${column((value) => (value.last_name_keys ?? []).join(KEY_SEPARATOR))}::text[]
        ) as incoming(trn, first_name, middle_name, last_name, previous_names, date_of_birth, national_insurance_number,
                      email, email_key, qts_date, eyts_date, induction_status, name_keys, last_name_keys)
        on conflict (trn) do nothing
        returning id, trn
      ),
      events as (
        insert into person_events (person_id, event_type, actor, after)
        select id, 'person_imported', ${actor}, jsonb_build_object('trn', trn) from new_rows
      )
      select id, trn from new_rows`.execute(trx)

    const idByTrn = new Map(result.rows.map((row) => [row.trn, row.id]))
    const alerts = rows.flatMap(({ record }) => {
      const personId = idByTrn.get(record.trn)
      return personId ? record.alertCodes.map((code) => ({ person_id: personId, alert_type_code: code })) : []
    })
    if (alerts.length > 0) await trx.insertInto('alerts').values(alerts).execute()
    return idByTrn
  })
  return rows.filter(({ record }) => !inserted.has(record.trn)).map(({ line }) => line)
}
