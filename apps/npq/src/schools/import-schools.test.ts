import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { CsvFileError } from './csv-rows.ts'
import { GIAS_COLUMNS } from './gias-csv.ts'
import { importSchools } from './import-schools.ts'
import type { SchoolTables } from './schema.ts'
import { sharedNpqDataFile } from './shared-data.ts'

const COLUMNS = Object.values(GIAS_COLUMNS)
type Row = { urn: string; name: string; changed: string; status?: string; statusCode?: string }

// Columns in GIAS's order for the ones we read; the others are not needed to import.
const line = (row: Row) =>
  COLUMNS.map((column) => {
    switch (column) {
      case 'URN':
        return row.urn
      case 'EstablishmentName':
        return row.name
      case 'LastChangedDate':
        return row.changed
      case 'EstablishmentStatus (name)':
        return row.status ?? 'Open'
      case 'EstablishmentStatus (code)':
        return row.statusCode ?? '1'
      case 'LA (code)':
        return '383'
      case 'LA (name)':
        return 'Leeds'
      case 'TypeOfEstablishment (code)':
        return '1'
      case 'TypeOfEstablishment (name)':
        return 'Community school'
      case 'Town':
        return 'Leeds'
      default:
        return ''
    }
  }).join(',')
const gias = (...rows: Array<Row | string>) => Readable.from([[COLUMNS.join(','), ...rows.map((row) => (typeof row === 'string' ? row : line(row)))].join('\n')])

describe('importSchools', () => {
  let database: TestDatabase<SchoolTables>
  before(async () => {
    database = await createTestDatabase<SchoolTables>(NPQ_MIGRATIONS)
  })
  after(() => database.drop())

  const stored = async (urn: string) => database.db.selectFrom('schools').select(['name', 'status', 'last_changed_date']).where('urn', '=', urn).executeTakeFirst()

  it('adds new establishments, rejecting bad rows and repeated URNs with their lines, in batches', async () => {
    const report = await importSchools(
      database.db,
      gias(
        { urn: '200001', name: 'Meadow Primary School', changed: '01-03-2026' },
        { urn: '200002', name: 'Brook Academy', changed: '01-03-2026' },
        { urn: 'x200003', name: 'Bad Urn School', changed: '01-03-2026' },
        { urn: '200001', name: 'Meadow Primary School again', changed: '02-03-2026' },
        { urn: '200004', name: 'Oak Nursery School', changed: '01-03-2026' },
      ),
      { batchSize: 2 },
    )
    assert.deepEqual(report, {
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 4, reasons: ['URN "x200003" is not a number of up to 8 digits'] },
        { line: 5, reasons: ['URN 200001 appears earlier in the file (line 2)'] },
      ],
    })
    assert.deepEqual(await stored('200001'), { name: 'Meadow Primary School', status: 'open', last_changed_date: '2026-03-01' })
  })

  it('is idempotent: the same file again changes nothing', async () => {
    const report = await importSchools(
      database.db,
      gias({ urn: '200001', name: 'Meadow Primary School', changed: '01-03-2026' }, { urn: '200002', name: 'Brook Academy', changed: '01-03-2026' }),
    )
    assert.deepEqual(report, { added: 0, updated: 0, unchanged: 2, rejected: [] })
  })

  it('only overwrites an establishment with a row changed more recently than the one stored', async () => {
    const report = await importSchools(
      database.db,
      gias(
        { urn: '200001', name: 'Meadow Primary School (closed)', changed: '20-06-2026', status: 'Closed', statusCode: '2' },
        { urn: '200002', name: 'Brook Academy renamed in an older file', changed: '28-02-2026' },
        { urn: '200004', name: 'Oak Nursery School renamed the same day', changed: '01-03-2026' },
        { urn: '200005', name: 'Willow Free School', changed: '01-01-2020' },
      ),
    )
    assert.deepEqual(report, { added: 1, updated: 1, unchanged: 2, rejected: [] })
    assert.deepEqual(await stored('200001'), { name: 'Meadow Primary School (closed)', status: 'closed', last_changed_date: '2026-06-20' })
    assert.equal((await stored('200002'))?.name, 'Brook Academy')
    assert.equal((await stored('200004'))?.name, 'Oak Nursery School')
  })

  it('changes nothing when the header is not a GIAS header', async () => {
    const before = await database.db.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    await assert.rejects(importSchools(database.db, Readable.from(['urn,name\n200009,Somewhere School\n'])), CsvFileError)
    const after = await database.db.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    assert.equal(Number(after.count), Number(before.count))
  })

  it('reports progress as batches are written', async () => {
    const seen: number[] = []
    await importSchools(database.db, createReadStream(new URL('../../demo-data/gias-establishments.csv', import.meta.url)), {
      batchSize: 40,
      onProgress: ({ rowsRead }) => seen.push(rowsRead),
    })
    assert.ok(seen.length >= 3, `progress reported ${seen.length} times`)
    assert.ok(seen.every((count, index) => index === 0 || count >= (seen[index - 1] ?? 0)))
  })

  const publishedSample = sharedNpqDataFile('gias_establishments_sample.csv')
  it('loads the published GIAS sample with nothing rejected', { skip: publishedSample ? false : '../shared/data is not here' }, async () => {
    const report = await importSchools(database.db, createReadStream(publishedSample as string))
    assert.deepEqual(report.rejected, [])
    assert.ok(report.added > 90)
  })
})
