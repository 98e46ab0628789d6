import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const cli = new URL('./cli.ts', import.meta.url).pathname

describe('npm run records:import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'records-import-'))
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: folder }, encoding: 'utf8' })

  it('imports the good rows, lists each rejected row with its line and reason, and exits 1', () => {
    const file = join(folder, 'records.csv')
    writeFileSync(
      file,
      [
        'trn,first_name,middle_name,last_name,previous_last_names,date_of_birth,national_insurance_number,email,qts_date,eyts_date,induction_status,alerts',
        '4000001,Rosalind,Elsie,Franklin,,1980-07-25,QQ102030A,,2004-07-30,,Passed,',
        '4000002,Dorothy,,Hodgkin,Crowfoot,1980-05-12,not-a-nino,,,,,',
        '4000003,Lise,,Meitner,,1978-11-07,,,,,RequiredToComplete,',
      ].join('\n'),
    )
    const result = run(file)
    assert.equal(result.status, 1, result.stderr)
    assert.match(result.stdout, /Imported 2 teaching records in [\d.]+s; rejected 1 rows/)
    assert.match(result.stderr, /line 3: national_insurance_number "not-a-nino" is not a valid NI number/)
  })

  it('says how to use it when given no file, and when the file is missing', () => {
    const noFile = run()
    assert.equal(noFile.status, 2)
    assert.match(noFile.stderr, /Usage: npm run records:import -- FILE.csv/)
    const missing = run(join(folder, 'nope.csv'))
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /Cannot read/)
  })
})
