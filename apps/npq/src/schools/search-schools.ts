import { sql, type Selectable } from 'kysely'
import { isGiasEstablishmentInEngland } from '../funding/establishment-types.ts'
import { searchableName } from './establishment.ts'
import { schoolsDb, type SchoolStatus, type SchoolsTable, type SchoolTables } from './schema.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


export type SchoolSummary = {
  urn: string
  name: string
  town: string | null
  postcode: string | null
  establishmentTypeCode: string
  establishmentTypeName: string
  status: SchoolStatus
  inEngland: boolean
}

export type School = SchoolSummary & {
  laCode: string
  laName: string
  establishmentStatusCode: string
  phaseOfEducation: string | null
  ukprn: string | null
  address: string[]
  numberOfPupils: number | null
  openDate: string | null
  closeDate: string | null
  lastChangedDate: string
}

const URN_QUERY = /^\d{6}$/
const DEFAULT_LIMIT = 10
const MAX_LIMIT = 50
const MAX_WORDS = 8

/**
 * Finds establishments for the "Where do you work?" school question. Six digits are a URN and find that school;
 * anything else is words, each of which must start a word of the name ("st pau" finds "St Paul's Primary"),
 * in any case. Open schools come first, then names that start with what was typed, then alphabetical order.
 */
export async function searchSchools<DB extends SchoolTables>(database: DatabaseOrTransaction<DB>, query: string, options: { limit?: number; openOnly?: boolean } = {}): Promise<SchoolSummary[]> {
  const db = schoolsDb(database)
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT)
  const trimmed = query.trim()
  if (URN_QUERY.test(trimmed)) {
    const school = await findSchool(db, trimmed)
    return school && (!options.openOnly || school.status === 'open') ? [summary(school)] : []
  }
  const words = searchableName(trimmed).split(' ').filter(Boolean).slice(0, MAX_WORDS)
  if (words.length === 0) return []
  const phrase = words.join(' ')
  let search = db.selectFrom('schools').selectAll()
  // Padding with a space lets "starts a word" be one LIKE; searchable names hold only letters, digits and spaces.
  for (const word of words) search = search.where(sql<boolean>`(' ' || search_name) like ${`% ${word}%`}`)
  if (options.openOnly) search = search.where('status', '=', 'open')
  const rows = await search
    .orderBy(sql`status = 'open'`, 'desc')
    .orderBy(sql`search_name like ${`${phrase}%`}`, 'desc')
    .orderBy('name')
    .orderBy('urn')
    .limit(limit)
    .execute()
  return rows.map((row) => summary(fromRow(row)))
}

/** One establishment by its URN, with everything we hold about it; undefined when there is none. */
export async function findSchool<DB extends SchoolTables>(database: DatabaseOrTransaction<DB>, urn: string): Promise<School | undefined> {
  const db = schoolsDb(database)
  const trimmed = urn.trim()
  if (!/^\d{1,8}$/.test(trimmed)) return undefined
  const row = await db.selectFrom('schools').selectAll().where('urn', '=', trimmed).executeTakeFirst()
  return row ? fromRow(row) : undefined
}

function fromRow(row: Selectable<SchoolsTable>): School {
  return {
    urn: row.urn,
    name: row.name,
    town: row.town,
    postcode: row.postcode,
    establishmentTypeCode: row.establishment_type_code,
    establishmentTypeName: row.establishment_type_name,
    status: row.status,
    inEngland: isGiasEstablishmentInEngland({ establishmentTypeCode: Number(row.establishment_type_code), laCode: row.la_code }),
    laCode: row.la_code,
    laName: row.la_name,
    establishmentStatusCode: row.establishment_status_code,
    phaseOfEducation: row.phase_of_education,
    ukprn: row.ukprn,
    address: [row.address_1, row.address_2, row.address_3, row.town, row.county, row.postcode].filter((part): part is string => Boolean(part)),
    numberOfPupils: row.number_of_pupils,
    openDate: row.open_date,
    closeDate: row.close_date,
    lastChangedDate: row.last_changed_date,
  }
}

function summary(school: School): SchoolSummary {
  const { urn, name, town, postcode, establishmentTypeCode, establishmentTypeName, status, inEngland } = school
  return { urn, name, town, postcode, establishmentTypeCode, establishmentTypeName, status, inEngland }
}
