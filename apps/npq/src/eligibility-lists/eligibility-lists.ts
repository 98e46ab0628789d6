import type { Readable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import { CsvFileError, readCsvRows, shorten } from '../schools/csv-rows.ts'
import { listsDb, type EligibilityListTables, type IdentifierType, type ListType } from './schema.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


/** How each list is written in the upload format (`EligibilityList::Pp50School`) and what identifies its members. */
const LISTS: ReadonlyArray<{ type: ListType; fileName: string; identifierType: IdentifierType; identifies: string }> = [
  { type: 'pp50_school', fileName: 'Pp50School', identifierType: 'urn', identifies: 'a school URN' },
  { type: 'pp50_further_education', fileName: 'Pp50FurtherEducation', identifierType: 'ukprn', identifies: 'a UKPRN' },
  { type: 'childminder', fileName: 'Childminder', identifierType: 'urn', identifies: 'an Ofsted URN' },
  { type: 'disadvantaged_early_years_school', fileName: 'DisadvantagedEarlyYearsSchool', identifierType: 'urn', identifies: 'a URN' },
  { type: 'local_authority_nursery', fileName: 'LocalAuthorityNursery', identifierType: 'urn', identifies: 'a school URN' },
  { type: 'rise_school', fileName: 'RiseSchool', identifierType: 'urn', identifies: 'a school URN' },
]

const HEADER = ['type', 'identifier', 'identifier_type']
// GIAS URNs are digits; Ofsted URNs are digits, or two letters (EY, CA, VC...) and digits.
const URN = /^(?:[A-Z]{2})?\d{5,8}$/
const UKPRN = /^\d{8}$/

export type ListEntry = { listType: ListType; identifierType: IdentifierType; identifier: string }
export type RejectedRow = { line: number; reasons: string[] }

/** Validates one row of a list upload. Pure. */
export function checkListRow(row: Record<string, string | undefined>): { ok: true; entry: ListEntry } | { ok: false; reasons: string[] } {
  const typeText = (row.type ?? '').trim()
  const bareType = typeText.replace(/^EligibilityList::/, '')
  const list = LISTS.find((known) => known.fileName === bareType || known.type === bareType)
  if (!list) return { ok: false, reasons: [`type "${shorten(typeText)}" is not a list we know (${LISTS.map((known) => `EligibilityList::${known.fileName}`).join(', ')})`] }
  const reasons: string[] = []
  const identifierType = (row.identifier_type ?? '').trim().toLowerCase()
  if (identifierType !== list.identifierType) reasons.push(`identifier_type "${shorten(identifierType)}" must be "${list.identifierType}" for ${list.fileName}`)
  const identifier = (row.identifier ?? '').trim().toUpperCase()
  if (!identifier) reasons.push('identifier is empty')
  else if (!(list.identifierType === 'ukprn' ? UKPRN : URN).test(identifier)) reasons.push(`identifier "${shorten(identifier)}" is not ${list.identifies}`)
  if (reasons.length > 0) return { ok: false, reasons }
  return { ok: true, entry: { listType: list.type, identifierType: list.identifierType, identifier } }
}

export type ListImportReport = {
  /** Entries now on each list the file replaced (lists the file does not mention are left alone). */
  replaced: Partial<Record<ListType, number>>
  rejected: RejectedRow[]
  /** False when nothing was changed because some rows were rejected (and `keepGoodRows` was not set). */
  applied: boolean
}

/**
 * Loads an eligibility list upload (`type,identifier,identifier_type`). Each list type in the file replaces that
 * whole list, all in one transaction, so a funding decision never sees half a list. A file with any bad row
 * changes nothing unless `keepGoodRows` is set, because a list silently missing members takes funding away.
 * Throws CsvFileError, having changed nothing, when the header is wrong or there are no rows.
 */
export async function importEligibilityLists<DB extends EligibilityListTables>(
  database: Kysely<DB>,
  input: Readable,
  options: { keepGoodRows?: boolean } = {},
): Promise<ListImportReport> {
  const db = listsDb(database)
  const entries = new Map<ListType, Set<string>>()
  const rejected: RejectedRow[] = []
  const rows = readCsvRows(input, {
    kindOfFile: `an eligibility list file (its header must be "${HEADER.join(',')}")`,
    column: (name) => name.trim().toLowerCase(),
    checkHeader: (columns) => HEADER.filter((column) => !columns.includes(column)).map((column) => `the header has no "${column}" column`),
  })
  for await (const row of rows) {
    const checked = row.ok ? checkListRow(row.record) : row
    if (!checked.ok) {
      rejected.push({ line: row.line, reasons: checked.reasons })
      continue
    }
    const list = entries.get(checked.entry.listType) ?? new Set<string>()
    list.add(checked.entry.identifier)
    entries.set(checked.entry.listType, list)
  }
  rejected.sort((a, b) => a.line - b.line)
  if (entries.size === 0 && rejected.length === 0) throw new CsvFileError('an eligibility list file with any entries', ['it has a header and no rows'])
  if (rejected.length > 0 && !options.keepGoodRows) return { replaced: {}, rejected, applied: false }
  const replaced: Partial<Record<ListType, number>> = {}
  await db.transaction().execute(async (trx) => {
    for (const [listType, identifiers] of entries) {
      await trx.deleteFrom('eligibility_list_entries').where('list_type', '=', listType).execute()
      const identifierType = LISTS.find((known) => known.type === listType)?.identifierType ?? 'urn'
      const all = [...identifiers]
      for (let start = 0; start < all.length; start += 5000) {
        const slice = all.slice(start, start + 5000)
        await sql`
          insert into eligibility_list_entries (list_type, identifier_type, identifier)
          select ${listType}, ${identifierType}, identifier from unnest(${sql.val(slice)}::text[]) as incoming(identifier)
          on conflict do nothing`.execute(trx)
      }
      replaced[listType] = all.length
    }
  })
  return { replaced, rejected, applied: true }
}

export type ListMemberships = {
  /** The school's URN is on the PP50 schools list. */
  pp50School: boolean
  /** The college's UKPRN is on the PP50 further education list. */
  pp50FurtherEducation: boolean
  /** The childminder's Ofsted URN is on the childminders list. */
  childminder: boolean
  /** The school's URN is on the local authority nurseries list. */
  localAuthorityNursery: boolean
  /** The school's URN is on the RISE schools list. */
  riseSchool: boolean
}

/** Which eligibility lists a workplace is on, by its GIAS URN, UKPRN and (for childminders) Ofsted URN. */
export async function listMemberships<DB extends EligibilityListTables>(
  database: DatabaseOrTransaction<DB>,
  workplace: { urn?: string | null; ukprn?: string | null; ofstedUrn?: string | null },
): Promise<ListMemberships> {
  const db = listsDb(database)
  const urn = normalise(workplace.urn)
  const ukprn = normalise(workplace.ukprn)
  const ofstedUrn = normalise(workplace.ofstedUrn)
  const urns = [urn, ofstedUrn].filter((value): value is string => value !== null)
  const none: ListMemberships = { pp50School: false, pp50FurtherEducation: false, childminder: false, localAuthorityNursery: false, riseSchool: false }
  if (urns.length === 0 && ukprn === null) return none
  const rows = await db
    .selectFrom('eligibility_list_entries')
    .select(['list_type', 'identifier_type', 'identifier'])
    .where((eb) =>
      eb.or([
        ...(urns.length > 0 ? [eb.and([eb('identifier_type', '=', 'urn'), eb('identifier', 'in', urns)])] : []),
        ...(ukprn !== null ? [eb.and([eb('identifier_type', '=', 'ukprn'), eb('identifier', '=', ukprn)])] : []),
      ]),
    )
    .execute()
  const on = (listType: ListType, identifier: string | null) => identifier !== null && rows.some((row) => row.list_type === listType && row.identifier === identifier)
  return {
    pp50School: on('pp50_school', urn),
    pp50FurtherEducation: on('pp50_further_education', ukprn),
    childminder: on('childminder', ofstedUrn),
    localAuthorityNursery: on('local_authority_nursery', urn),
    riseSchool: on('rise_school', urn),
  }
}

function normalise(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim().toUpperCase()
  return trimmed === '' ? null : trimmed
}
