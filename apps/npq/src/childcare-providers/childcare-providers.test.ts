import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { CsvFileError } from '../schools/csv-rows.ts'
import { sharedNpqDataFile } from '../schools/shared-data.ts'
import { findChildcareProvider, importChildcareProviders, isOfstedUrn } from './childcare-providers.ts'
import type { ChildcareProviderTables } from './schema.ts'

const demoFile = new URL('../../demo-data/childcare-providers.csv', import.meta.url)
const HEADER = 'Provider URN,Provider type,Provider status,Provider Early Years Register Flag,Provider name,Provider address line 1,Provider address line 2,Provider address line 3,Provider town,Postcode,Local authority,Region'
const ofsted = (...rows: string[]) => Readable.from([[HEADER, ...rows].join('\n')])

describe('private childcare providers', () => {
  let database: TestDatabase<ChildcareProviderTables>
  before(async () => {
    database = await createTestDatabase<ChildcareProviderTables>(NPQ_MIGRATIONS)
  })
  after(() => database.drop())

  it('loads the demo Ofsted register rows and finds a provider by its Ofsted URN, in any case', async () => {
    const report = await importChildcareProviders(database.db, createReadStream(demoFile))
    assert.deepEqual(report, { added: 16, updated: 0, rejected: [] })
    assert.deepEqual(await findChildcareProvider(database.db, ' ey612403 '), {
      urn: 'EY612403',
      name: 'Little Explorers Day Nursery',
      providerType: 'Childcare on non-domestic premises',
      providerStatus: 'Active',
      earlyYearsRegister: true,
      address1: '12 Oakwood Lane',
      address2: 'Roundhay',
      address3: null,
      town: 'Leeds',
      postcode: 'LS8 2PF',
      localAuthority: 'Leeds',
      region: 'Yorkshire and The Humber',
    })
    assert.equal(await findChildcareProvider(database.db, 'EY000000'), undefined)
    assert.equal(await findChildcareProvider(database.db, 'not a urn'), undefined)
  })

  it("keeps a childminder's withheld address empty rather than storing REDACTED, and knows who is not on the Early Years Register", async () => {
    const childminder = await findChildcareProvider(database.db, 'EY701556')
    assert.equal(childminder?.providerType, 'Childminder')
    assert.equal(childminder?.address1, null)
    assert.equal(childminder?.address2, null)
    assert.equal(childminder?.town, 'Bradford')
    const kidsClub = await findChildcareProvider(database.db, 'EY577264')
    assert.equal(kidsClub?.earlyYearsRegister, false)
  })

  it('updates known providers from a newer file and rejects bad rows with their lines', async () => {
    const report = await importChildcareProviders(
      database.db,
      ofsted(
        'EY612403,Childcare on non-domestic premises,Active,Y,Little Explorers Nursery and Forest School,12 Oakwood Lane,Roundhay,,Leeds,LS8 2PF,Leeds,Yorkshire and The Humber',
        'EY999001,Childminder,Active,Maybe,Someone,REDACTED,REDACTED,,Leeds,LS8,Leeds,Yorkshire and The Humber',
        'XYZ,Childminder,Active,Y,Someone,,,,Leeds,LS8,Leeds,Yorkshire and The Humber',
        ',Childminder,Active,Y,,,,,Leeds,LS8,Leeds,Yorkshire and The Humber',
        'EY612403,Childcare on non-domestic premises,Active,Y,Repeated,,,,Leeds,LS8 2PF,Leeds,Yorkshire and The Humber',
      ),
    )
    assert.deepEqual(report, {
      added: 0,
      updated: 1,
      rejected: [
        { line: 3, reasons: ['Provider Early Years Register Flag "MAYBE" is not Y or N'] },
        { line: 4, reasons: ['Provider URN "XYZ" is not an Ofsted URN'] },
        { line: 5, reasons: ['Provider URN is empty', 'Provider name is empty'] },
        { line: 6, reasons: ['Provider URN EY612403 appears earlier in the file (line 2)'] },
      ],
    })
    assert.equal((await findChildcareProvider(database.db, 'EY612403'))?.name, 'Little Explorers Nursery and Forest School')
  })

  it('refuses a file that is not an Ofsted register export', async () => {
    await assert.rejects(importChildcareProviders(database.db, Readable.from(['URN,Name\nEY1,x\n'])), (error: unknown) => {
      assert.ok(error instanceof CsvFileError)
      assert.match(error.message, /^This is not an Ofsted early years register file: the header has no "Provider URN" column/)
      return true
    })
  })

  it('recognises Ofsted URNs: EY and digits, and older all-digit ones', () => {
    assert.ok(isOfstedUrn('EY612403'))
    assert.ok(isOfstedUrn('509877'))
    assert.ok(isOfstedUrn('2511834'))
    assert.ok(!isOfstedUrn('EY'))
    assert.ok(!isOfstedUrn('107912-A'))
  })

  const published = sharedNpqDataFile('private_childcare_providers_sample.csv')
  it('loads the published Ofsted sample, read in place, with nothing rejected', { skip: published ? false : '../shared/data is not here' }, async () => {
    const report = await importChildcareProviders(database.db, createReadStream(published as string))
    assert.deepEqual(report.rejected, [])
    assert.ok(report.added + report.updated >= 5)
  })
})
