import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { importSchools } from './import-schools.ts'
import type { SchoolTables } from './schema.ts'
import { findSchool, searchSchools } from './search-schools.ts'

describe('searching establishments (demo GIAS data)', () => {
  let database: TestDatabase<SchoolTables>
  before(async () => {
    database = await createTestDatabase<SchoolTables>(NPQ_MIGRATIONS)
    const report = await importSchools(database.db, createReadStream(new URL('../../demo-data/gias-establishments.csv', import.meta.url)))
    assert.deepEqual(report.rejected, [])
  })
  after(() => database.drop())

  const names = async (query: string, options?: { limit?: number; openOnly?: boolean }) => (await searchSchools(database.db, query, options)).map((school) => school.name)

  it('finds a school by its 6-digit URN, with what the school question shows', async () => {
    assert.deepEqual(await searchSchools(database.db, ' 107912 '), [
      {
        urn: '107912',
        name: 'Harewood Lane Primary School',
        town: 'Leeds',
        postcode: 'LS8 2QT',
        establishmentTypeCode: '1',
        establishmentTypeName: 'Community school',
        status: 'open',
        inEngland: true,
      },
    ])
    assert.deepEqual(await searchSchools(database.db, '999999'), [])
  })

  it('finds schools by the start of any words of their name, in any case and ignoring punctuation', async () => {
    assert.deepEqual(await names('HAREWOOD lane'), ['Harewood Lane Primary School'])
    assert.deepEqual(await names('lane harew'), ['Harewood Lane Primary School'])
    assert.deepEqual(await names('st. chads'), ["St Chad's CofE Primary School"])
    assert.deepEqual(await names('arewood'), [], 'the middle of a word is not a match')
    assert.deepEqual(await names('harewood academy'), [], 'every word must match')
  })

  it('lists open schools before closed ones, then names starting with what was typed', async () => {
    assert.deepEqual(await names("st bede's"), ["St Bede's Catholic Primary School", "St Bede's Catholic Primary School"])
    const bedes = await searchSchools(database.db, 'st bedes')
    assert.deepEqual(bedes.map((school) => [school.town, school.status]), [
      ['Leeds', 'open'],
      ['Liverpool', 'closed'],
    ])
    assert.deepEqual(await names('st bedes', { openOnly: true }), ["St Bede's Catholic Primary School"])
    const nursery = await names('nursery')
    assert.ok(nursery.length >= 8)
    assert.ok(nursery.every((name) => /nursery/i.test(name)))
  })

  it('says which establishments are not in England: Welsh establishments', async () => {
    const welsh = await searchSchools(database.db, 'ysgol')
    assert.ok(welsh.length >= 2)
    assert.ok(welsh.every((school) => !school.inEngland && school.establishmentTypeCode === '30'))
    const [usk] = await searchSchools(database.db, 'usk river')
    assert.equal(usk?.inEngland, false)
    const [college] = await searchSchools(database.db, 'northgate college')
    assert.equal(college?.inEngland, true)
  })

  it('keeps to the limit, and finds nothing for an empty or punctuation-only query', async () => {
    assert.equal((await names('primary', { limit: 3 })).length, 3)
    assert.ok((await names('school', { limit: 500 })).length <= 50)
    assert.deepEqual(await names(''), [])
    assert.deepEqual(await names(" '-. "), [])
    assert.deepEqual(await names('%'), [])
  })

  it('finds one establishment by URN with everything we hold about it', async () => {
    const college = await findSchool(database.db, '130542')
    assert.deepEqual(college, {
      urn: '130542',
      name: 'Northgate College Leeds',
      town: 'Leeds',
      postcode: 'LS2 7PN',
      establishmentTypeCode: '18',
      establishmentTypeName: 'Further education',
      status: 'open',
      inEngland: true,
      laCode: '383',
      laName: 'Leeds',
      establishmentStatusCode: '1',
      phaseOfEducation: 'Not applicable',
      ukprn: '10004130',
      address: ['Eastgate', 'Leeds', 'West Yorkshire', 'LS2 7PN'],
      numberOfPupils: null,
      openDate: null,
      closeDate: null,
      lastChangedDate: college?.lastChangedDate,
    })
    assert.match(college?.lastChangedDate ?? '', /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(await findSchool(database.db, '000000'), undefined)
    assert.equal(await findSchool(database.db, 'School-107912'), undefined)
  })
})
