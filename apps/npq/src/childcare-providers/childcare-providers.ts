import type { Readable } from 'node:stream'
import { sql, type Kysely, type Selectable } from 'kysely'
import { readCsvRows, shorten } from '../schools/csv-rows.ts'
import { providersDb, type ChildcareProviderTables, type PrivateChildcareProvidersTable } from './schema.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


/** The columns of Ofsted's early years and childcare register export we read; the others (inspections...) are ignored. */
export const OFSTED_COLUMNS = {
  urn: 'Provider URN',
  type: 'Provider type',
  status: 'Provider status',
  earlyYearsRegister: 'Provider Early Years Register Flag',
  name: 'Provider name',
  address1: 'Provider address line 1',
  address2: 'Provider address line 2',
  address3: 'Provider address line 3',
  town: 'Provider town',
  postcode: 'Postcode',
  localAuthority: 'Local authority',
  region: 'Region',
} as const

const MAX_TEXT_LENGTH = 255
const REDACTED = 'REDACTED'
// Ofsted URNs: digits for providers registered before 2008, EY and six digits since (and a few other prefixes).
const OFSTED_URN = /^(?:[A-Z]{2})?\d{5,8}$/

export type ChildcareProvider = {
  urn: string
  name: string
  providerType: string | null
  providerStatus: string | null
  /** On the Early Years Register: the providers Early years leadership funding is for. */
  earlyYearsRegister: boolean
  address1: string | null
  address2: string | null
  address3: string | null
  town: string | null
  postcode: string | null
  localAuthority: string | null
  region: string | null
}

export function normaliseOfstedUrn(value: string): string {
  return value.trim().toUpperCase()
}

export function isOfstedUrn(value: string): boolean {
  return OFSTED_URN.test(normaliseOfstedUrn(value))
}

/** Validates one row of the Ofsted export. Pure. The registered person's name is personal data we do not need, so it is never read. */
export function checkOfstedRow(row: Record<string, string | undefined>): { ok: true; provider: ChildcareProvider } | { ok: false; reasons: string[] } {
  const reasons: string[] = []
  const text = (column: string) => (row[column] ?? '').trim()
  const optional = (column: string) => {
    const value = text(column)
    if (value.length > MAX_TEXT_LENGTH) reasons.push(`${column} is longer than ${MAX_TEXT_LENGTH} characters`)
    // Ofsted withholds childminders' home addresses and telephone numbers and writes REDACTED instead.
    return value && value.toUpperCase() !== REDACTED ? value : null
  }
  const urn = normaliseOfstedUrn(text(OFSTED_COLUMNS.urn))
  if (!urn) reasons.push(`${OFSTED_COLUMNS.urn} is empty`)
  else if (!OFSTED_URN.test(urn)) reasons.push(`${OFSTED_COLUMNS.urn} "${shorten(urn)}" is not an Ofsted URN`)
  const name = optional(OFSTED_COLUMNS.name)
  if (!name) reasons.push(`${OFSTED_COLUMNS.name} is empty`)
  const flag = text(OFSTED_COLUMNS.earlyYearsRegister).toUpperCase()
  if (flag !== 'Y' && flag !== 'N') reasons.push(`${OFSTED_COLUMNS.earlyYearsRegister} "${shorten(flag)}" is not Y or N`)
  const provider: ChildcareProvider = {
    urn,
    name: name ?? '',
    providerType: optional(OFSTED_COLUMNS.type),
    providerStatus: optional(OFSTED_COLUMNS.status),
    earlyYearsRegister: flag === 'Y',
    address1: optional(OFSTED_COLUMNS.address1),
    address2: optional(OFSTED_COLUMNS.address2),
    address3: optional(OFSTED_COLUMNS.address3),
    town: optional(OFSTED_COLUMNS.town),
    postcode: optional(OFSTED_COLUMNS.postcode)?.toUpperCase() ?? null,
    localAuthority: optional(OFSTED_COLUMNS.localAuthority),
    region: optional(OFSTED_COLUMNS.region),
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, provider }
}

export type RejectedRow = { line: number; reasons: string[] }
export type ChildcareImportReport = { added: number; updated: number; rejected: RejectedRow[] }

/**
 * Loads Ofsted's register export, adding new providers and overwriting known ones by Ofsted URN (the export has no
 * change date: the newest file is the truth). Bad rows are rejected with their line and reasons, the rest loaded.
 * Throws CsvFileError, having changed nothing, when the header is not Ofsted's.
 */
export async function importChildcareProviders<DB extends ChildcareProviderTables>(database: Kysely<DB>, input: Readable, options: { batchSize?: number } = {}): Promise<ChildcareImportReport> {
  const db = providersDb(database)
  const batchSize = options.batchSize ?? 2000
  const report: ChildcareImportReport = { added: 0, updated: 0, rejected: [] }
  const firstLineOfUrn = new Map<string, number>()
  let batch: ChildcareProvider[] = []
  const flush = async () => {
    const written = await upsertProviders(db, batch)
    report.added += written.added
    report.updated += written.updated
    batch = []
  }
  const rows = readCsvRows(input, {
    kindOfFile: 'an Ofsted early years register file',
    checkHeader: (columns) => Object.values(OFSTED_COLUMNS).filter((column) => !columns.includes(column)).map((column) => `the header has no "${column}" column`),
  })
  for await (const row of rows) {
    const checked = row.ok ? checkOfstedRow(row.record) : row
    if (!checked.ok) {
      report.rejected.push({ line: row.line, reasons: checked.reasons })
      continue
    }
    const earlier = firstLineOfUrn.get(checked.provider.urn)
    if (earlier !== undefined) {
      report.rejected.push({ line: row.line, reasons: [`${OFSTED_COLUMNS.urn} ${checked.provider.urn} appears earlier in the file (line ${earlier})`] })
      continue
    }
    firstLineOfUrn.set(checked.provider.urn, row.line)
    batch.push(checked.provider)
    if (batch.length >= batchSize) await flush()
  }
  if (batch.length > 0) await flush()
  report.rejected.sort((a, b) => a.line - b.line)
  return report
}

async function upsertProviders(db: Kysely<ChildcareProviderTables>, providers: ChildcareProvider[]): Promise<{ added: number; updated: number }> {
  const column = <T>(pick: (provider: ChildcareProvider) => T) => sql.val(providers.map(pick))
  const result = await sql<{ added: number; updated: number }>`
    with written as (
      insert into private_childcare_providers (provider_urn, name, provider_type, provider_status, early_years_register,
                                               address_1, address_2, address_3, town, postcode, local_authority, region)
      select * from unnest(
        ${column((provider) => provider.urn)}::text[], ${column((provider) => provider.name)}::text[],
        ${column((provider) => provider.providerType)}::text[], ${column((provider) => provider.providerStatus)}::text[],
        ${column((provider) => provider.earlyYearsRegister)}::boolean[], ${column((provider) => provider.address1)}::text[],
        ${column((provider) => provider.address2)}::text[], ${column((provider) => provider.address3)}::text[],
        ${column((provider) => provider.town)}::text[], ${column((provider) => provider.postcode)}::text[],
        ${column((provider) => provider.localAuthority)}::text[], ${column((provider) => provider.region)}::text[]
      )
      on conflict (provider_urn) do update set
        name = excluded.name, provider_type = excluded.provider_type, provider_status = excluded.provider_status,
        early_years_register = excluded.early_years_register, address_1 = excluded.address_1, address_2 = excluded.address_2,
        address_3 = excluded.address_3, town = excluded.town, postcode = excluded.postcode,
        local_authority = excluded.local_authority, region = excluded.region, updated_at = now()
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::integer as added, (count(*) filter (where not inserted))::integer as updated from written`.execute(db)
  const counts = result.rows[0]
  return { added: Number(counts?.added ?? 0), updated: Number(counts?.updated ?? 0) }
}

/** The provider with this Ofsted URN (any case, spaces around ignored); undefined when there is none. */
export async function findChildcareProvider<DB extends ChildcareProviderTables>(database: DatabaseOrTransaction<DB>, urn: string): Promise<ChildcareProvider | undefined> {
  const db = providersDb(database)
  const normalised = normaliseOfstedUrn(urn)
  if (!OFSTED_URN.test(normalised)) return undefined
  const row = await db.selectFrom('private_childcare_providers').selectAll().where('provider_urn', '=', normalised).executeTakeFirst()
  return row ? fromRow(row) : undefined
}

function fromRow(row: Selectable<PrivateChildcareProvidersTable>): ChildcareProvider {
  return {
    urn: row.provider_urn,
    name: row.name,
    providerType: row.provider_type,
    providerStatus: row.provider_status,
    earlyYearsRegister: row.early_years_register,
    address1: row.address_1,
    address2: row.address_2,
    address3: row.address_3,
    town: row.town,
    postcode: row.postcode,
    localAuthority: row.local_authority,
    region: row.region,
  }
}
