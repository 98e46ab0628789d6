import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { GIAS_COLUMNS } from './gias-csv.ts'
import { sharedNpqDataFile } from './shared-data.ts'

const repository = fileURLToPath(new URL('../../../../', import.meta.url))
const demoFile = fileURLToPath(new URL('../../demo-data/gias-establishments.csv', import.meta.url))

describe('npm run npq:import-schools', () => {
  const folder = mkdtempSync(join(tmpdir(), 'npq-import-schools-'))
  after(() => rmSync(folder, { recursive: true, force: true }))
  // Only PATH and DATA_DIR: an embedded database of its own, whatever the developer's environment says.
  const run = (...args: string[]) =>
    spawnSync(join(repository, 'node_modules/.bin/node'), ['apps/npq/src/schools/cli.ts', ...args], {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: folder },
      encoding: 'utf8',
    })

  it('imports the demo establishments and exits 0', () => {
    const result = run(demoFile)
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Imported establishments in [\d.]+s: 85 added, 0 updated, 0 unchanged; rejected 0 rows\./)
  })

  it('imports the good rows of a file with bad ones, lists each bad row with its line and reason, and exits 1', () => {
    const file = join(folder, 'some-bad.csv')
    const row = (urn: string, changed: string) =>
      Object.values(GIAS_COLUMNS)
        .map((column) => ({ URN: urn, EstablishmentName: `School ${urn}`, 'LA (code)': '383', 'LA (name)': 'Leeds', 'TypeOfEstablishment (code)': '1', 'TypeOfEstablishment (name)': 'Community school', 'EstablishmentStatus (name)': 'Open', LastChangedDate: changed })[column as string] ?? '')
        .join(',')
    writeFileSync(file, [Object.values(GIAS_COLUMNS).join(','), row('300001', '01-02-2026'), row('', '01-02-2026'), row('300003', '30-02-2026')].join('\n'))
    const result = run(file)
    assert.equal(result.status, 1, result.stderr)
    assert.match(result.stderr, /line 3: URN is empty/)
    assert.match(result.stderr, /line 4: LastChangedDate "30-02-2026" is not a real date written dd-mm-yyyy/)
    assert.match(result.stdout, /1 added, 0 updated, 0 unchanged; rejected 2 rows \(listed above with their reasons\)\./)
  })

  it('imports nothing from a file that is not a GIAS export, and says why', () => {
    const file = join(folder, 'not-gias.csv')
    writeFileSync(file, 'trn,first_name,last_name\n1234567,Ada,Lovelace\n')
    const result = run(file)
    assert.equal(result.status, 1)
    assert.match(result.stderr, /Nothing imported\. This is not a GIAS establishments file: the header has no "URN" column/)
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace')
  })

  it('says how to use it when given no file, and when the file is missing', () => {
    const noFile = run()
    assert.equal(noFile.status, 2)
    assert.match(noFile.stderr, /Usage: npm run npq:import-schools -- FILE\.csv/)
    const missing = run(join(folder, 'nope.csv'))
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /Cannot read/)
  })

  const publishedSample = sharedNpqDataFile('gias_establishments_sample.csv')
  it('loads the published GIAS sample, read in place, with 0 rejected', { skip: publishedSample ? false : '../shared/data is not here' }, () => {
    const result = run(publishedSample as string)
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /rejected 0 rows\./)
  })
})
