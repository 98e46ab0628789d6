import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { CsvFileError } from './csv-rows.ts'
import { checkGiasRow, GIAS_COLUMNS, giasDate, readGiasCsv, type GiasRow } from './gias-csv.ts'
import { sharedNpqDataFile } from './shared-data.ts'

const COLUMNS = Object.values(GIAS_COLUMNS)

/** A valid row as GIAS writes it, keyed by column name; tests change what they are about. */
function giasRow(changes: Partial<Record<(typeof COLUMNS)[number], string>> = {}): Record<string, string> {
  return {
    URN: '107912',
    'LA (code)': '383',
    'LA (name)': 'Leeds',
    EstablishmentName: 'Harewood Lane Primary School',
    'TypeOfEstablishment (code)': '1',
    'TypeOfEstablishment (name)': 'Community school',
    'EstablishmentStatus (code)': '1',
    'EstablishmentStatus (name)': 'Open',
    OpenDate: '',
    CloseDate: '',
    'PhaseOfEducation (name)': 'Primary',
    NumberOfPupils: '412',
    UKPRN: '10075120',
    LastChangedDate: '14-03-2026',
    Street: 'Harewood Lane',
    Locality: 'Roundhay',
    Address3: '',
    Town: 'Leeds',
    'County (name)': 'West Yorkshire',
    Postcode: 'ls8 2qt',
    ...changes,
  }
}

const csvLine = (values: string[]) => values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',')
const giasCsv = (...rows: Array<Record<string, string>>) => [csvLine(COLUMNS), ...rows.map((row) => csvLine(COLUMNS.map((column) => row[column] ?? '')))].join('\r\n')

async function readAll(input: Readable): Promise<GiasRow[]> {
  const rows: GiasRow[] = []
  for await (const row of readGiasCsv(input)) rows.push(row)
  return rows
}

const reasonsOf = (row: Record<string, string>) => {
  const checked = checkGiasRow(row)
  return checked.ok ? [] : checked.reasons
}

describe('GIAS establishment rows', () => {
  it('reads a good row into a school to store, with ISO dates, an upper-case postcode and a searchable name', () => {
    const checked = checkGiasRow(giasRow({ EstablishmentName: "St Bede's Catholic Primary School", OpenDate: '01-09-2014' }))
    assert.ok(checked.ok)
    assert.deepEqual(checked.school, {
      urn: '107912',
      name: "St Bede's Catholic Primary School",
      searchName: 'st bedes catholic primary school',
      laCode: '383',
      laName: 'Leeds',
      establishmentTypeCode: '1',
      establishmentTypeName: 'Community school',
      establishmentStatusCode: '1',
      status: 'open',
      phaseOfEducation: 'Primary',
      ukprn: '10075120',
      address1: 'Harewood Lane',
      address2: 'Roundhay',
      address3: null,
      town: 'Leeds',
      county: 'West Yorkshire',
      postcode: 'LS8 2QT',
      numberOfPupils: 412,
      openDate: '2014-09-01',
      closeDate: null,
      lastChangedDate: '2026-03-14',
    })
  })

  it('maps each GIAS status: "Open, but proposed to close" is open, "Proposed to open" is not open yet', () => {
    const status = (name: string, code: string) => {
      const checked = checkGiasRow(giasRow({ 'EstablishmentStatus (name)': name, 'EstablishmentStatus (code)': code }))
      return checked.ok ? checked.school.status : checked.reasons
    }
    assert.equal(status('Open', '1'), 'open')
    assert.equal(status('Closed', '2'), 'closed')
    assert.equal(status('Open, but proposed to close', '3'), 'open')
    assert.equal(status('Proposed to open', '4'), 'proposed_to_open')
  })

  it('leaves optional fields empty: no UKPRN, no pupil count, no address', () => {
    const checked = checkGiasRow(giasRow({ UKPRN: '', NumberOfPupils: '', Street: '', Locality: '', Postcode: '' }))
    assert.ok(checked.ok)
    assert.equal(checked.school.ukprn, null)
    assert.equal(checked.school.numberOfPupils, null)
    assert.equal(checked.school.postcode, null)
  })

  it('rejects a row with no URN, or a URN that is not a number', () => {
    assert.deepEqual(reasonsOf(giasRow({ URN: '' })), ['URN is empty'])
    assert.deepEqual(reasonsOf(giasRow({ URN: '10791A' })), ['URN "10791A" is not a number of up to 8 digits'])
    assert.deepEqual(reasonsOf(giasRow({ URN: '123456789' })), ['URN "123456789" is not a number of up to 8 digits'])
  })

  it('rejects dates that are not real dates written dd-mm-yyyy, and a missing LastChangedDate', () => {
    assert.deepEqual(reasonsOf(giasRow({ LastChangedDate: '31-02-2026' })), ['LastChangedDate "31-02-2026" is not a real date written dd-mm-yyyy'])
    assert.deepEqual(reasonsOf(giasRow({ LastChangedDate: '2026-03-14' })), ['LastChangedDate "2026-03-14" is not a real date written dd-mm-yyyy'])
    assert.deepEqual(reasonsOf(giasRow({ OpenDate: '1/9/2014' })), ['OpenDate "1/9/2014" is not a real date written dd-mm-yyyy'])
    assert.deepEqual(reasonsOf(giasRow({ LastChangedDate: '' })), ['LastChangedDate is empty'])
    assert.equal(giasDate('29-02-2024'), '2024-02-29')
    assert.equal(giasDate('29-02-2023'), null)
  })

  it('rejects a status GIAS does not have, and a status code that contradicts the name', () => {
    assert.deepEqual(reasonsOf(giasRow({ 'EstablishmentStatus (name)': 'Temporarily shut', 'EstablishmentStatus (code)': '9' })), [
      'EstablishmentStatus (name) "Temporarily shut" is not a known status (Open; Closed; Open, but proposed to close; Proposed to open)',
    ])
    assert.deepEqual(reasonsOf(giasRow({ 'EstablishmentStatus (name)': 'Closed', 'EstablishmentStatus (code)': '1' })), [
      'EstablishmentStatus (code) "1" does not match the status "Closed" (code 2)',
    ])
  })

  it('rejects fields longer than we store, quoting only the start of a huge value', () => {
    assert.deepEqual(reasonsOf(giasRow({ EstablishmentName: 'A'.repeat(256) })), ['EstablishmentName is longer than 255 characters'])
    assert.deepEqual(reasonsOf(giasRow({ Postcode: 'LS8 2QT LS8 2QT' })), ['Postcode is longer than 10 characters'])
    const [reason] = reasonsOf(giasRow({ 'LA (code)': '9'.repeat(5000) }))
    assert.ok(reason && reason.length < 120, reason)
  })

  it('rejects bad codes and numbers, listing every problem in the row at once', () => {
    assert.deepEqual(reasonsOf(giasRow({ 'LA (code)': 'Leeds', 'TypeOfEstablishment (code)': 'x', UKPRN: '1234', NumberOfPupils: '-3', EstablishmentName: ' ' })), [
      'EstablishmentName is empty',
      'LA (code) "Leeds" is not a 3-digit local authority code',
      'TypeOfEstablishment (code) "x" is not an establishment type code',
      'UKPRN "1234" is not 8 digits',
      'NumberOfPupils "-3" is not a number of pupils',
    ])
  })
})

describe('reading a GIAS export', () => {
  it('reads good rows and rejects bad ones with the line they are on, carrying on after each', async () => {
    const rows = await readAll(
      Readable.from([
        giasCsv(giasRow(), giasRow({ URN: 'abc' }), giasRow({ URN: '107913', EstablishmentName: 'Line, with "quotes"' })) +
          '\r\n107914,383,Leeds,too few columns\r\n' +
          csvLine(COLUMNS.map((column) => giasRow({ URN: '107915' })[column] ?? '')),
      ]),
    )
    assert.deepEqual(
      rows.map((row) => (row.ok ? [row.line, row.school.urn] : [row.line, row.reasons])),
      [
        [2, '107912'],
        [3, ['URN "abc" is not a number of up to 8 digits']],
        [4, '107913'],
        [5, ['the row has a different number of columns from the header']],
        [6, '107915'],
      ],
    )
    const quoted = rows[2]
    assert.ok(quoted?.ok)
    assert.equal(quoted.school.name, 'Line, with "quotes"')
  })

  it('refuses a file whose header is not a GIAS header, naming the missing columns', async () => {
    const wrongHeader = Readable.from(['urn,name,postcode\r\n107912,Harewood Lane Primary School,LS8 2QT\r\n'])
    await assert.rejects(readAll(wrongHeader), (error: unknown) => {
      assert.ok(error instanceof CsvFileError)
      assert.match(error.message, /^This is not a GIAS establishments file: the header has no "URN" column; /)
      assert.ok(error.problems.includes('the header has no "LastChangedDate" column'))
      return true
    })
    await assert.rejects(readAll(Readable.from([''])), /This is not a GIAS establishments file: the file is empty/)
  })

  it('rejects a huge field and carries on with the rows after it', async () => {
    const rows = await readAll(Readable.from([giasCsv(giasRow({ URN: '100001' }), giasRow({ URN: '100002', EstablishmentName: 'x'.repeat(100_000) }), giasRow({ URN: '100003' }))]))
    assert.deepEqual(
      rows.map((row) => (row.ok ? row.school.urn : row.reasons)),
      ['100001', ['EstablishmentName is longer than 255 characters'], '100003'],
    )
  })

  it('rejects a row with a broken quote, giving the line it starts on (the quote swallows the rest of the file)', async () => {
    const rows = await readAll(Readable.from([`${giasCsv(giasRow())}\r\n107913,"broken\r\n${csvLine(COLUMNS.map((column) => giasRow()[column] ?? ''))}\r\n`]))
    const outcomes = rows.map((row) => (row.ok ? `${row.line}: ${row.school.urn}` : `${row.line}: ${row.reasons.join('; ')}`)).sort()
    assert.equal(outcomes.length, 2)
    assert.equal(outcomes[0], '2: 107912')
    assert.match(outcomes[1] ?? '', /^3: the row cannot be read as CSV \(Quote Not Closed/)
  })

  it('decodes a Windows-1252 export as well as UTF-8, even when a character is split between chunks', async () => {
    const name = 'Ysgol Gymraeg Môn – Cylch'
    const text = giasCsv(giasRow({ URN: '401820', EstablishmentName: name }))
    const utf8 = Buffer.from(text, 'utf8')
    const split = utf8.indexOf(Buffer.from('ô', 'utf8')) + 1
    const fromUtf8 = await readAll(Readable.from([utf8.subarray(0, split), utf8.subarray(split)]))
    assert.equal(fromUtf8[0]?.ok && fromUtf8[0].school.name, name)

    const windows1252 = Buffer.from(text.replace('–', '\u0096'), 'latin1')
    const fromWindows1252 = await readAll(Readable.from([windows1252]))
    assert.equal(fromWindows1252[0]?.ok && fromWindows1252[0].school.name, name)
  })

  it('reads the demo establishments (the full export header) without rejecting a row', async () => {
    const rows = await readAll(createReadStream(new URL('../../demo-data/gias-establishments.csv', import.meta.url)))
    assert.deepEqual(rows.filter((row) => !row.ok), [])
    assert.ok(rows.length >= 80)
  })

  const publishedSample = sharedNpqDataFile('gias_establishments_sample.csv')
  it('reads the published GIAS sample without rejecting a row', { skip: publishedSample ? false : '../shared/data is not here' }, async () => {
    const rows = await readAll(createReadStream(publishedSample as string))
    assert.deepEqual(rows.filter((row) => !row.ok), [])
    assert.ok(rows.length > 90)
  })
})
