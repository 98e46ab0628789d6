import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { MIGRATIONS_FOLDER, type RecordsSchema } from '../database/schema.ts'
import { importRecords } from './import-records.ts'

const HEADER = 'trn,first_name,middle_name,last_name,previous_last_names,date_of_birth,national_insurance_number,email,qts_date,eyts_date,induction_status,alerts'
const csv = (...lines: string[]) => Readable.from([`${[HEADER, ...lines].join('\n')}\n`])
const options = { actor: 'import:test.csv', today: '2026-11-22', batchSize: 2 }

describe('importRecords', () => {
  let database: TestDatabase<RecordsSchema>
  before(async () => {
    database = await createTestDatabase<RecordsSchema>(MIGRATIONS_FOLDER)
  })
  after(() => database.drop())

  it('imports valid rows with their alerts and an event each, and reports every rejected row with its line', async () => {
    const report = await importRecords(
      database.db,
      csv(
        '0000001,Ada,,Lovelace,Byron;King,1815-12-10,QQ123456C,ada@example.com,1840-01-01,,Passed,',
        '0000002,Charles,,Babbage,,1791-12-26,,,,,,T1',
        '0000003,Bad,,Date,,1990-02-30,,,,,,',
        '0000001,Repeat,,Trn,,1990-01-01,,,,,,',
        '0000004,"Quoted, name",,"O\'Brien",,1990-01-01,,,,,,',
        '0000005,Too,Few,Columns',
        '0000006,Grace,Brewster,Hopper,,1906-12-09,QQ654321A,,,,InProgress,',
      ),
      options,
    )
    assert.equal(report.imported, 4)
    assert.deepEqual(report.fileProblems, [])
    assert.deepEqual(report.rejected.map((row) => row.line), [4, 5, 7])
    assert.match(report.rejected[0]?.reasons[0] ?? '', /date_of_birth "1990-02-30"/)
    assert.match(report.rejected[1]?.reasons[0] ?? '', /trn 0000001 appears earlier in the file/)
    assert.match(report.rejected[2]?.reasons[0] ?? '', /different number of columns/)

    const ada = await database.db.selectFrom('persons').selectAll().where('trn', '=', '0000001').executeTakeFirstOrThrow()
    assert.deepEqual(ada.previous_names.map((name) => name.lastName), ['Byron', 'King'])
    assert.ok(ada.name_keys.length > 0, 'matching keys are stored')
    assert.ok(ada.last_name_keys.includes('byron'))
    const quoted = await database.db.selectFrom('persons').select(['first_name', 'last_name']).where('trn', '=', '0000004').executeTakeFirstOrThrow()
    assert.deepEqual(quoted, { first_name: 'Quoted, name', last_name: "O'Brien" })
    const alerts = await database.db.selectFrom('alerts').innerJoin('persons', 'persons.id', 'alerts.person_id').select(['persons.trn', 'alerts.alert_type_code']).execute()
    assert.deepEqual(alerts, [{ trn: '0000002', alert_type_code: 'T1' }])
    const events = await database.db.selectFrom('person_events').select(['event_type', 'actor']).execute()
    assert.equal(events.length, 4)
    assert.ok(events.every((event) => event.event_type === 'person_imported' && event.actor === 'import:test.csv'))
  })

  it('rejects rows whose TRN is already on record, importing the rest', async () => {
    const report = await importRecords(database.db, csv('0000002,Someone,,Else,,1990-01-01,,,,,,', '0000007,Alan,,Turing,,1912-06-23,,,,,,'), options)
    assert.equal(report.imported, 1)
    assert.deepEqual(report.rejected, [{ line: 2, reasons: ['a teaching record with this trn already exists'] }])
    const charles = await database.db.selectFrom('persons').select('first_name').where('trn', '=', '0000002').executeTakeFirstOrThrow()
    assert.equal(charles.first_name, 'Charles')
  })

  it('imports nothing from a file whose header is wrong', async () => {
    const before = await database.db.selectFrom('persons').select('trn').execute()
    const report = await importRecords(database.db, Readable.from(['trn,name,dob\n0000009,Someone,1990-01-01\n']), options)
    assert.equal(report.imported, 0)
    assert.deepEqual(report.fileProblems, [
      'the header has no "first_name" column',
      'the header has no "last_name" column',
      'the header has no "date_of_birth" column',
      'the header has an unknown column "name"',
      'the header has an unknown column "dob"',
    ])
    assert.equal((await database.db.selectFrom('persons').select('trn').execute()).length, before.length)
  })

  it('copes with a byte order mark and Windows line endings', async () => {
    const report = await importRecords(database.db, Readable.from([`\uFEFF${HEADER}\r\n0000008,Mary,,Somerville,,1780-12-26,,,,,,\r\n`]), options)
    assert.equal(report.imported, 1)
    assert.deepEqual(report.rejected, [])
  })
})
