import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { isRealDate } from '../../../../packages/kit/src/calendar.ts'
import { GIAS_STATUSES, searchableName } from './establishment.ts'
import type { SchoolStatus } from './schema.ts'
import { readCsvRows, shorten } from './csv-rows.ts'

/** The columns of the GIAS establishment export we read. The export has ~140 columns; the others are ignored. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  laCode: 'LA (code)',
  laName: 'LA (name)',
  name: 'EstablishmentName',
  typeCode: 'TypeOfEstablishment (code)',
  typeName: 'TypeOfEstablishment (name)',
  statusCode: 'EstablishmentStatus (code)',
  statusName: 'EstablishmentStatus (name)',
  openDate: 'OpenDate',
  closeDate: 'CloseDate',
  phase: 'PhaseOfEducation (name)',
  numberOfPupils: 'NumberOfPupils',
  ukprn: 'UKPRN',
  lastChangedDate: 'LastChangedDate',
  street: 'Street',
  locality: 'Locality',
  address3: 'Address3',
  town: 'Town',
  county: 'County (name)',
  postcode: 'Postcode',
} as const

const REQUIRED_COLUMNS = Object.values(GIAS_COLUMNS)
export const MAX_TEXT_LENGTH = 255
const MAX_POSTCODE_LENGTH = 10
const MAX_PUPILS = 100_000

export type GiasSchool = {
  urn: string
  name: string
  searchName: string
  laCode: string
  laName: string
  establishmentTypeCode: string
  establishmentTypeName: string
  establishmentStatusCode: string
  status: SchoolStatus
  phaseOfEducation: string | null
  ukprn: string | null
  address1: string | null
  address2: string | null
  address3: string | null
  town: string | null
  county: string | null
  postcode: string | null
  numberOfPupils: number | null
  openDate: string | null
  closeDate: string | null
  lastChangedDate: string
}

export type GiasRow = { line: number; ok: true; school: GiasSchool } | { line: number; ok: false; reasons: string[] }

/** Problems with the header row that make the file unusable: every column we read must be there, once. */
export function checkGiasHeader(columns: string[]): string[] {
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column))
  const repeated = [...new Set(columns.filter((column, index) => column !== '' && columns.indexOf(column) !== index))]
  return [
    ...missing.map((column) => `the header has no "${column}" column`),
    ...repeated.map((column) => `the header has the column "${column}" more than once`),
  ]
}

const GIAS_DATE = /^(\d{2})-(\d{2})-(\d{4})$/

/** GIAS writes dates dd-mm-yyyy; we store YYYY-MM-DD. Null when it is not a real date in that form. */
export function giasDate(value: string): string | null {
  const parts = GIAS_DATE.exec(value)
  if (!parts) return null
  const iso = `${parts[3]}-${parts[2]}-${parts[1]}`
  return isRealDate(iso) ? iso : null
}

/** Validates one row of the export into a school to store, or says every reason it cannot be. Pure. */
export function checkGiasRow(row: Record<string, string | undefined>): { ok: true; school: GiasSchool } | { ok: false; reasons: string[] } {
  const reasons: string[] = []
  const text = (column: string) => (row[column] ?? '').trim()
  const optional = (column: string, maxLength = MAX_TEXT_LENGTH) => {
    const value = text(column)
    if (value.length > maxLength) reasons.push(`${column} is longer than ${maxLength} characters`)
    return value || null
  }
  const required = (column: string, maxLength = MAX_TEXT_LENGTH) => {
    const value = optional(column, maxLength)
    if (value === null) reasons.push(`${column} is empty`)
    return value ?? ''
  }
  const date = (column: string) => {
    const value = text(column)
    if (!value) return null
    const iso = giasDate(value)
    if (!iso) reasons.push(`${column} "${shorten(value)}" is not a real date written dd-mm-yyyy`)
    return iso
  }

  const urn = text(GIAS_COLUMNS.urn)
  if (!urn) reasons.push('URN is empty')
  else if (!/^\d{1,8}$/.test(urn)) reasons.push(`URN "${shorten(urn)}" is not a number of up to 8 digits`)

  const name = required(GIAS_COLUMNS.name)
  const laCode = text(GIAS_COLUMNS.laCode)
  if (!/^\d{3}$/.test(laCode)) reasons.push(`${GIAS_COLUMNS.laCode} "${shorten(laCode)}" is not a 3-digit local authority code`)
  const laName = required(GIAS_COLUMNS.laName)
  const typeCode = text(GIAS_COLUMNS.typeCode)
  if (!/^\d{1,3}$/.test(typeCode)) reasons.push(`${GIAS_COLUMNS.typeCode} "${shorten(typeCode)}" is not an establishment type code`)
  const typeName = required(GIAS_COLUMNS.typeName)

  const statusName = text(GIAS_COLUMNS.statusName)
  const statusCode = text(GIAS_COLUMNS.statusCode)
  const status = GIAS_STATUSES.find((known) => known.name.toLowerCase() === statusName.toLowerCase())
  if (!status) {
    reasons.push(`${GIAS_COLUMNS.statusName} "${shorten(statusName)}" is not a known status (${GIAS_STATUSES.map((known) => known.name).join('; ')})`)
  } else if (statusCode && statusCode !== status.code) {
    reasons.push(`${GIAS_COLUMNS.statusCode} "${shorten(statusCode)}" does not match the status "${status.name}" (code ${status.code})`)
  }

  const ukprn = text(GIAS_COLUMNS.ukprn)
  if (ukprn && !/^\d{8}$/.test(ukprn)) reasons.push(`UKPRN "${shorten(ukprn)}" is not 8 digits`)

  const pupils = text(GIAS_COLUMNS.numberOfPupils)
  if (pupils && (!/^\d{1,6}$/.test(pupils) || Number(pupils) > MAX_PUPILS)) reasons.push(`NumberOfPupils "${shorten(pupils)}" is not a number of pupils`)

  const lastChangedRaw = text(GIAS_COLUMNS.lastChangedDate)
  if (!lastChangedRaw) reasons.push('LastChangedDate is empty')
  const lastChangedDate = date(GIAS_COLUMNS.lastChangedDate)
  const openDate = date(GIAS_COLUMNS.openDate)
  const closeDate = date(GIAS_COLUMNS.closeDate)

  const school = {
    urn,
    name,
    searchName: searchableName(name),
    laCode,
    laName,
    establishmentTypeCode: typeCode,
    establishmentTypeName: typeName,
    establishmentStatusCode: status?.code ?? '',
    status: status?.status ?? 'closed',
    phaseOfEducation: optional(GIAS_COLUMNS.phase),
    ukprn: ukprn || null,
    address1: optional(GIAS_COLUMNS.street),
    address2: optional(GIAS_COLUMNS.locality),
    address3: optional(GIAS_COLUMNS.address3),
    town: optional(GIAS_COLUMNS.town),
    county: optional(GIAS_COLUMNS.county),
    postcode: optional(GIAS_COLUMNS.postcode, MAX_POSTCODE_LENGTH)?.toUpperCase() ?? null,
    numberOfPupils: pupils ? Number(pupils) : null,
    openDate,
    closeDate,
    lastChangedDate: lastChangedDate ?? '',
  } satisfies GiasSchool
  if (reasons.length > 0) return { ok: false, reasons }
  return { ok: true, school }
}

/**
 * Reads a GIAS export row by row, checking each one. Throws CsvFileError before the first row when the header is
 * not a GIAS header; rows that cannot be read come back rejected with their line, like any other bad row.
 */
export async function* readGiasCsv(input: Readable): AsyncGenerator<GiasRow> {
  const decoded = input.pipe(decodeGiasText())
  input.on('error', (error) => decoded.destroy(error))
  const rows = readCsvRows(decoded, { kindOfFile: 'a GIAS establishments file', checkHeader: checkGiasHeader })
  for await (const row of rows) {
    if (!row.ok) {
      yield row
      continue
    }
    const checked = checkGiasRow(row.record)
    yield checked.ok ? { line: row.line, ok: true, school: checked.school } : { line: row.line, ok: false, reasons: checked.reasons }
  }
}

/**
 * GIAS has published its export both as UTF-8 and as Windows-1252. Decodes as UTF-8 while the bytes are valid
 * UTF-8, and from the first chunk that is not, as Windows-1252 (in such a file every earlier byte was plain ASCII).
 */
export function decodeGiasText(): Transform {
  let windows1252 = false
  let carried: Buffer = Buffer.alloc(0)
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const cp1252 = new TextDecoder('windows-1252')
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk
      if (windows1252) {
        carried = Buffer.alloc(0)
        done(null, cp1252.decode(bytes))
        return
      }
      const end = completeUtf8Length(bytes)
      let text: string
      try {
        text = utf8.decode(bytes.subarray(0, end))
        carried = bytes.subarray(end)
      } catch {
        windows1252 = true
        carried = Buffer.alloc(0)
        text = cp1252.decode(bytes)
      }
      done(null, text)
    },
    flush(done) {
      if (carried.length === 0) return done()
      let text: string
      try {
        text = (windows1252 ? cp1252 : utf8).decode(carried)
      } catch {
        text = cp1252.decode(carried)
      }
      done(null, text)
    },
  })
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end (which the next chunk completes). */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number
    if ((byte & 0xc0) === 0x80) continue
    if (byte < 0x80) return bytes.length
    const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
    return back < sequenceLength ? bytes.length - back : bytes.length
  }
  return bytes.length
}
