import type { Readable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import { searchableName } from '../schools/establishment.ts'
import { CsvFileError, readCsvRows } from '../schools/csv-rows.ts'
import { ittDb, type IttProviderTables } from './schema.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


export const ITT_COLUMNS = { legalName: 'Legal accredited name', operatingName: 'Operating name' } as const
const MAX_NAME_LENGTH = 255

export type IttProvider = { legalName: string; operatingName: string; approved: boolean }
export type RejectedRow = { line: number; reasons: string[] }
export type IttImportReport = {
  /** Providers on the list now. */
  approved: number
  /** Providers that were approved before and are not on this list. */
  noLongerApproved: number
  rejected: RejectedRow[]
  /** False when nothing was changed because some rows were rejected (and `keepGoodRows` was not set). */
  applied: boolean
}

/** Validates one row of the approved provider list. Pure. */
export function checkIttRow(row: Record<string, string | undefined>): { ok: true; provider: { legalName: string; operatingName: string } } | { ok: false; reasons: string[] } {
  const reasons: string[] = []
  const name = (column: string) => {
    const value = (row[column] ?? '').trim().replace(/\s+/g, ' ')
    if (!value) reasons.push(`${column} is empty`)
    else if (value.length > MAX_NAME_LENGTH) reasons.push(`${column} is longer than ${MAX_NAME_LENGTH} characters`)
    return value
  }
  const legalName = name(ITT_COLUMNS.legalName)
  const operatingName = name(ITT_COLUMNS.operatingName)
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, provider: { legalName, operatingName } }
}

/**
 * Loads the list of accredited ITT providers (`Legal accredited name,Operating name`): the file is the whole list.
 * Providers on it are approved; providers missing from it stay on record (applications name them) but are no longer
 * approved. One transaction; a file with a bad row changes nothing unless `keepGoodRows` is set.
 * Throws CsvFileError, having changed nothing, when the header is wrong or there are no rows.
 */
export async function importIttProviders<DB extends IttProviderTables>(database: Kysely<DB>, input: Readable, options: { keepGoodRows?: boolean } = {}): Promise<IttImportReport> {
  const db = ittDb(database)
  const providers = new Map<string, string>()
  const firstLine = new Map<string, number>()
  const rejected: RejectedRow[] = []
  const rows = readCsvRows(input, {
    kindOfFile: `an approved ITT provider list (its header must be "${Object.values(ITT_COLUMNS).join(',')}")`,
    checkHeader: (columns) => Object.values(ITT_COLUMNS).filter((column) => !columns.includes(column)).map((column) => `the header has no "${column}" column`),
  })
  for await (const row of rows) {
    const checked = row.ok ? checkIttRow(row.record) : row
    if (!checked.ok) {
      rejected.push({ line: row.line, reasons: checked.reasons })
      continue
    }
    const earlier = firstLine.get(checked.provider.legalName)
    if (earlier !== undefined) {
      rejected.push({ line: row.line, reasons: [`"${checked.provider.legalName}" appears earlier in the file (line ${earlier})`] })
      continue
    }
    firstLine.set(checked.provider.legalName, row.line)
    providers.set(checked.provider.legalName, checked.provider.operatingName)
  }
  rejected.sort((a, b) => a.line - b.line)
  if (providers.size === 0 && rejected.length === 0) throw new CsvFileError('an approved ITT provider list with any providers', ['it has a header and no rows'])
  if (providers.size === 0 || (rejected.length > 0 && !options.keepGoodRows)) return { approved: 0, noLongerApproved: 0, rejected, applied: false }

  const legalNames = [...providers.keys()]
  const operatingNames = legalNames.map((legalName) => providers.get(legalName) ?? legalName)
  const noLongerApproved = await db.transaction().execute(async (trx) => {
    await sql`
      insert into itt_providers (legal_name, operating_name, approved)
      select legal_name, operating_name, true from unnest(${sql.val(legalNames)}::text[], ${sql.val(operatingNames)}::text[]) as incoming(legal_name, operating_name)
      on conflict (legal_name) do update set operating_name = excluded.operating_name, approved = true, updated_at = now()
      where itt_providers.operating_name is distinct from excluded.operating_name or not itt_providers.approved`.execute(trx)
    const withdrawn = await trx
      .updateTable('itt_providers')
      .set({ approved: false, updated_at: sql<Date>`now()` })
      .where('approved', '=', true)
      .where('legal_name', 'not in', legalNames)
      .executeTakeFirst()
    return Number(withdrawn.numUpdatedRows)
  })
  return { approved: legalNames.length, noLongerApproved, rejected, applied: true }
}

/**
 * Approved providers whose legal or operating name has words starting with each word typed, in any case, for the
 * lead mentor's "Which training provider?" question. The list is a few hundred rows: it is filtered here.
 */
export async function searchIttProviders<DB extends IttProviderTables>(database: DatabaseOrTransaction<DB>, query: string, options: { limit?: number } = {}): Promise<IttProvider[]> {
  const db = ittDb(database)
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 10), 1), 50)
  const words = searchableName(query).split(' ').filter(Boolean)
  if (words.length === 0) return []
  const approved = await db.selectFrom('itt_providers').select(['legal_name', 'operating_name', 'approved']).where('approved', '=', true).orderBy('operating_name').execute()
  return approved
    .filter((row) => {
      const names = ` ${searchableName(row.legal_name)} ${searchableName(row.operating_name)}`
      return words.every((word) => names.includes(` ${word}`))
    })
    .slice(0, limit)
    .map((row) => ({ legalName: row.legal_name, operatingName: row.operating_name, approved: row.approved }))
}

/** A provider by its legal name, approved or not; undefined when we have never heard of it. */
export async function findIttProvider<DB extends IttProviderTables>(database: DatabaseOrTransaction<DB>, legalName: string): Promise<IttProvider | undefined> {
  const db = ittDb(database)
  const row = await db.selectFrom('itt_providers').select(['legal_name', 'operating_name', 'approved']).where('legal_name', '=', legalName.trim()).executeTakeFirst()
  return row ? { legalName: row.legal_name, operatingName: row.operating_name, approved: row.approved } : undefined
}
