import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { CsvFileError } from '../schools/csv-rows.ts'
import { sharedNpqDataFile } from '../schools/shared-data.ts'
import { findIttProvider, importIttProviders, searchIttProviders } from './itt-providers.ts'
import type { IttProviderTables } from './schema.ts'

const providers = (...rows: string[]) => Readable.from([['Legal accredited name,Operating name', ...rows].join('\n')])

describe('approved ITT providers', () => {
  let database: TestDatabase<IttProviderTables>
  before(async () => {
    database = await createTestDatabase<IttProviderTables>(NPQ_MIGRATIONS)
  })
  after(() => database.drop())

  it('loads the demo list and finds providers by the start of words in their legal or operating name', async () => {
    const report = await importIttProviders(database.db, createReadStream(new URL('../../demo-data/itt-providers.csv', import.meta.url)))
    assert.deepEqual(report, { approved: 16, noLongerApproved: 0, rejected: [], applied: true })
    assert.deepEqual(await searchIttProviders(database.db, 'northern lights'), [
      { legalName: 'Northern Lights Teacher Training Trust', operatingName: 'Northern Lights SCITT', approved: true },
    ])
    assert.deepEqual((await searchIttProviders(database.db, "st oswald's")).map((provider) => provider.legalName), ['Riverside Catholic Academy Trust'])
    assert.deepEqual((await searchIttProviders(database.db, 'SCITT', { limit: 3 })).length, 3)
    assert.deepEqual(await searchIttProviders(database.db, 'orthern'), [])
    assert.deepEqual(await searchIttProviders(database.db, '  '), [])
  })

  it('withdraws approval from providers missing from a new list, keeping them on record', async () => {
    const report = await importIttProviders(
      database.db,
      providers('Northern Lights Teacher Training Trust,Northern Lights SCITT', '"Pennine University","Pennine University, Institute of Education"'),
    )
    assert.deepEqual(report, { approved: 2, noLongerApproved: 14, rejected: [], applied: true })
    assert.deepEqual(await findIttProvider(database.db, 'Mercia Schools Partnership'), { legalName: 'Mercia Schools Partnership', operatingName: 'Mercia SCITT', approved: false })
    assert.deepEqual(await searchIttProviders(database.db, 'mercia'), [], 'only approved providers are offered')
    assert.equal((await findIttProvider(database.db, 'Pennine University'))?.operatingName, 'Pennine University, Institute of Education')
    assert.equal(await findIttProvider(database.db, 'Nobody We Know'), undefined)
  })

  it('changes nothing when a row is rejected, unless asked to keep the good rows', async () => {
    const file = () => providers('Northern Lights Teacher Training Trust,Northern Lights SCITT', ',No Legal Name SCITT', 'Mercia Schools Partnership,Mercia SCITT')
    const refused = await importIttProviders(database.db, file())
    assert.deepEqual(refused, { approved: 0, noLongerApproved: 0, rejected: [{ line: 3, reasons: ['Legal accredited name is empty'] }], applied: false })
    assert.equal((await findIttProvider(database.db, 'Mercia Schools Partnership'))?.approved, false)
    const kept = await importIttProviders(database.db, file(), { keepGoodRows: true })
    assert.equal(kept.applied, true)
    assert.equal((await findIttProvider(database.db, 'Mercia Schools Partnership'))?.approved, true)
  })

  it('refuses a file with the wrong header or no providers', async () => {
    await assert.rejects(importIttProviders(database.db, Readable.from(['name\nSomeone\n'])), /its header must be "Legal accredited name,Operating name"/)
    await assert.rejects(importIttProviders(database.db, providers()), CsvFileError)
  })

  const published = sharedNpqDataFile('approved_itt_providers_2025.csv')
  it('loads the published approved list, read in place, with nothing rejected', { skip: published ? false : '../shared/data is not here' }, async () => {
    const report = await importIttProviders(database.db, createReadStream(published as string))
    assert.deepEqual(report.rejected, [])
    assert.ok(report.approved > 150)
  })
})
