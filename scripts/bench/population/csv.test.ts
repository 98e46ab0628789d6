import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { CSV_HEADER, csvField, csvRow, writePopulationCsv } from './csv.ts'
import { generatePopulation, type GeneratedPerson } from './generate.ts'

const directory = await mkdtemp(join(tmpdir(), 'population-csv-'))
after(() => rm(directory, { recursive: true, force: true }))

describe('records CSV', () => {
  it('has exactly the import header', () => {
    assert.equal(
      CSV_HEADER,
      'trn,first_name,middle_name,last_name,previous_last_names,date_of_birth,national_insurance_number,email,qts_date,eyts_date,induction_status,alerts',
    )
  })

  it('quotes fields that need it and leaves the rest alone', () => {
    assert.equal(csvField("O'Brien"), "O'Brien")
    assert.equal(csvField('Smith, Jr'), '"Smith, Jr"')
    assert.equal(csvField('say "hi"'), '"say ""hi"""')
    assert.equal(csvField('two\nlines'), '"two\nlines"')
    assert.equal(csvField(' padded'), '" padded"')
  })

  it('round-trips a generated population through csv-parse', async () => {
    const people = [...generatePopulation({ size: 5000, seed: 'csv' })]
    const path = join(directory, 'people.csv')
    const result = await writePopulationCsv(path, { size: 5000, seed: 'csv' })
    assert.equal(result.rows, 5000)
    const text = await readFile(path, 'utf8')
    assert.equal(text.split('\n')[0], CSV_HEADER)
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]
    assert.equal(rows.length, people.length)
    rows.forEach((row, index) => {
      const person = people[index] as GeneratedPerson
      assert.deepEqual(Object.keys(row), CSV_HEADER.split(','))
      assert.equal(row.trn, person.trn) // leading zeros kept
      assert.equal(row.first_name, person.firstName)
      assert.equal(row.middle_name, person.middleName)
      assert.equal(row.last_name, person.lastName)
      assert.deepEqual(row.previous_last_names === '' ? [] : row.previous_last_names!.split(';'), person.previousLastNames)
      assert.equal(row.date_of_birth, person.dateOfBirth)
      assert.equal(row.national_insurance_number, person.nationalInsuranceNumber ?? '')
      assert.equal(row.email, person.email ?? '')
      assert.equal(row.qts_date, person.qtsDate ?? '')
      assert.equal(row.eyts_date, person.eytsDate ?? '')
      assert.equal(row.induction_status, person.inductionStatus)
      assert.deepEqual(row.alerts === '' ? [] : row.alerts!.split(';'), person.alerts)
    })
    assert.ok(rows.some((row) => row.trn!.startsWith('0')))
    assert.ok(rows.some((row) => row.previous_last_names !== ''))
    assert.ok(rows.some((row) => row.alerts !== ''))
  })

  it('survives awkward values', async () => {
    const base = generatePopulation({ size: 1, seed: 1 }).next().value as GeneratedPerson
    const awkward: GeneratedPerson = { ...base, firstName: 'Anne, "Annie"', lastName: "D'Souza-Smith", middleName: 'Line\nBreak', previousLastNames: ['Da Silva', 'Ó Briain'] }
    const path = join(directory, 'awkward.csv')
    await writePopulationCsv(path, { people: [awkward] })
    const [row] = parse(await readFile(path, 'utf8'), { columns: true }) as Record<string, string>[]
    assert.equal(row?.first_name, awkward.firstName)
    assert.equal(row?.middle_name, awkward.middleName)
    assert.equal(row?.last_name, awkward.lastName)
    assert.equal(row?.previous_last_names, 'Da Silva;Ó Briain')
    assert.equal(csvRow(awkward).split('\n').length, 2)
  })
})
