import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { CsvFileError, readCsvRows } from '../schools/csv-rows.ts'
import { sharedNpqDataFile } from '../schools/shared-data.ts'
import { checkListRow, importEligibilityLists, listMemberships } from './eligibility-lists.ts'
import type { EligibilityListTables, ListType } from './schema.ts'

const lists = (...rows: string[]) => Readable.from([['type,identifier,identifier_type', ...rows].join('\n')])
const NOT_ON_ANY = { pp50School: false, pp50FurtherEducation: false, childminder: false, localAuthorityNursery: false, riseSchool: false }

describe('eligibility list rows', () => {
  it('reads the upload format, with or without the EligibilityList:: prefix, tidying the identifier', () => {
    assert.deepEqual(checkListRow({ type: 'EligibilityList::Pp50School', identifier: '107912', identifier_type: 'urn' }), {
      ok: true,
      entry: { listType: 'pp50_school', identifierType: 'urn', identifier: '107912' },
    })
    assert.deepEqual(checkListRow({ type: 'Childminder', identifier: ' ey701556 ', identifier_type: 'URN' }), {
      ok: true,
      entry: { listType: 'childminder', identifierType: 'urn', identifier: 'EY701556' },
    })
    assert.deepEqual(checkListRow({ type: 'EligibilityList::Pp50FurtherEducation', identifier: '10004130', identifier_type: 'ukprn' }), {
      ok: true,
      entry: { listType: 'pp50_further_education', identifierType: 'ukprn', identifier: '10004130' },
    })
  })

  it('rejects unknown lists, the wrong kind of identifier, and identifiers that are not URNs or UKPRNs', () => {
    const reasons = (row: Record<string, string>) => {
      const checked = checkListRow(row)
      return checked.ok ? [] : checked.reasons
    }
    assert.match(reasons({ type: 'EligibilityList::Pp40School', identifier: '107912', identifier_type: 'urn' })[0] ?? '', /^type "EligibilityList::Pp40School" is not a list we know/)
    assert.deepEqual(reasons({ type: 'EligibilityList::Pp50School', identifier: '10004130', identifier_type: 'ukprn' }), ['identifier_type "ukprn" must be "urn" for Pp50School'])
    assert.deepEqual(reasons({ type: 'EligibilityList::Pp50FurtherEducation', identifier: '123', identifier_type: 'ukprn' }), ['identifier "123" is not a UKPRN'])
    assert.deepEqual(reasons({ type: 'EligibilityList::Childminder', identifier: 'ISI Inspected', identifier_type: 'urn' }), ['identifier "ISI INSPECTED" is not an Ofsted URN'])
    assert.deepEqual(reasons({ type: 'EligibilityList::RiseSchool', identifier: '', identifier_type: 'urn' }), ['identifier is empty'])
  })
})

describe('eligibility lists', () => {
  let database: TestDatabase<EligibilityListTables>
  before(async () => {
    database = await createTestDatabase<EligibilityListTables>(NPQ_MIGRATIONS)
  })
  after(() => database.drop())

  const entries = async (listType: ListType) =>
    (await database.db.selectFrom('eligibility_list_entries').select('identifier').where('list_type', '=', listType).orderBy('identifier').execute()).map((row) => row.identifier)

  it('loads each list in the file, and says which lists a workplace is on', async () => {
    const report = await importEligibilityLists(
      database.db,
      lists(
        'EligibilityList::Pp50School,107912,urn',
        'EligibilityList::Pp50School,103301,urn',
        'EligibilityList::Pp50School,107912,urn',
        'EligibilityList::Pp50FurtherEducation,10004130,ukprn',
        'EligibilityList::Childminder,EY701556,urn',
        'EligibilityList::LocalAuthorityNursery,108021,urn',
        'EligibilityList::RiseSchool,137201,urn',
      ),
    )
    assert.deepEqual(report, {
      replaced: { pp50_school: 2, pp50_further_education: 1, childminder: 1, local_authority_nursery: 1, rise_school: 1 },
      rejected: [],
      applied: true,
    })
    assert.deepEqual(await listMemberships(database.db, { urn: '107912', ukprn: '10075120' }), { ...NOT_ON_ANY, pp50School: true })
    assert.deepEqual(await listMemberships(database.db, { urn: '130542', ukprn: '10004130' }), { ...NOT_ON_ANY, pp50FurtherEducation: true })
    assert.deepEqual(await listMemberships(database.db, { ofstedUrn: 'ey701556' }), { ...NOT_ON_ANY, childminder: true })
    assert.deepEqual(await listMemberships(database.db, { urn: '108021' }), { ...NOT_ON_ANY, localAuthorityNursery: true })
    assert.deepEqual(await listMemberships(database.db, { urn: '137201' }), { ...NOT_ON_ANY, riseSchool: true })
    assert.deepEqual(await listMemberships(database.db, { urn: '999999', ukprn: null, ofstedUrn: '' }), NOT_ON_ANY)
    assert.deepEqual(await listMemberships(database.db, {}), NOT_ON_ANY)
  })

  it('matches each identifier only against the lists it belongs to', async () => {
    // A school URN that happens to equal a childminder's Ofsted URN does not make the school a childminder.
    await importEligibilityLists(database.db, lists('EligibilityList::Childminder,137201,urn'))
    assert.deepEqual(await listMemberships(database.db, { urn: '137201' }), { ...NOT_ON_ANY, riseSchool: true })
    assert.deepEqual(await listMemberships(database.db, { ofstedUrn: '137201' }), { ...NOT_ON_ANY, childminder: true })
  })

  it('replaces a whole list with a new upload, leaving lists the file does not mention alone', async () => {
    const report = await importEligibilityLists(database.db, lists('EligibilityList::Pp50School,100071,urn', 'EligibilityList::Pp50School,102740,urn'))
    assert.deepEqual(report.replaced, { pp50_school: 2 })
    assert.deepEqual(await entries('pp50_school'), ['100071', '102740'])
    assert.deepEqual(await entries('rise_school'), ['137201'])
    assert.deepEqual(await entries('pp50_further_education'), ['10004130'])
  })

  it('changes nothing when any row is rejected, and says which rows and why', async () => {
    const report = await importEligibilityLists(database.db, lists('EligibilityList::Pp50School,145002,urn', 'EligibilityList::Pp50School,not-a-urn,urn', 'Something,1,urn'))
    assert.equal(report.applied, false)
    assert.deepEqual(report.replaced, {})
    assert.deepEqual(
      report.rejected.map((row) => row.line),
      [3, 4],
    )
    assert.deepEqual(await entries('pp50_school'), ['100071', '102740'])
  })

  it('loads the good rows anyway when asked to', async () => {
    const report = await importEligibilityLists(database.db, lists('EligibilityList::Pp50School,145002,urn', 'EligibilityList::Pp50School,not-a-urn,urn'), { keepGoodRows: true })
    assert.equal(report.applied, true)
    assert.equal(report.rejected.length, 1)
    assert.deepEqual(await entries('pp50_school'), ['145002'])
  })

  it('refuses a file with the wrong header or no rows, changing nothing', async () => {
    await assert.rejects(importEligibilityLists(database.db, Readable.from(['PP50 School URN\n107912\n'])), (error: unknown) => {
      assert.ok(error instanceof CsvFileError)
      assert.match(error.message, /its header must be "type,identifier,identifier_type".*the header has no "type" column/)
      return true
    })
    await assert.rejects(importEligibilityLists(database.db, lists()), CsvFileError)
    assert.deepEqual(await entries('pp50_school'), ['145002'])
  })

  it('loads the demo lists without rejecting a row', async () => {
    const report = await importEligibilityLists(database.db, createReadStream(new URL('../../demo-data/eligibility-lists.csv', import.meta.url)))
    assert.deepEqual(report.rejected, [])
    assert.equal(Object.keys(report.replaced).length, 6)
  })

  const published = sharedNpqDataFile('eligibility_list_entries.csv')
  it('reads the published lists (about 52,000 entries), rejecting only the few identifiers that are not URNs', { skip: published ? false : '../shared/data is not here' }, async () => {
    // Reading only: loading them all is what the import command (and a benchmark) is for, not a unit test.
    const counts = new Map<string, number>()
    const rejected: number[] = []
    for await (const row of readCsvRows(createReadStream(published as string), { kindOfFile: 'lists', checkHeader: () => [] })) {
      const checked = row.ok ? checkListRow(row.record) : row
      if (checked.ok) counts.set(checked.entry.listType, (counts.get(checked.entry.listType) ?? 0) + 1)
      else rejected.push(row.line)
    }
    assert.ok(rejected.length <= 5, JSON.stringify(rejected))
    assert.equal(counts.size, 6)
    assert.ok((counts.get('pp50_school') ?? 0) > 10_000)
  })
})
