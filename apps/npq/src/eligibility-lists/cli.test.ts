import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'

const repository = fileURLToPath(new URL('../../../../', import.meta.url))

describe('npm run npq:import-eligibility-lists', () => {
  const folder = mkdtempSync(join(tmpdir(), 'npq-import-lists-'))
  after(() => rmSync(folder, { recursive: true, force: true }))
  const run = (...args: string[]) =>
    spawnSync(join(repository, 'node_modules/.bin/node'), ['apps/npq/src/eligibility-lists/cli.ts', ...args], {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: folder },
      encoding: 'utf8',
    })
  const file = (name: string, ...rows: string[]) => {
    const path = join(folder, name)
    writeFileSync(path, ['type,identifier,identifier_type', ...rows].join('\n'))
    return path
  }

  it('changes nothing when a row is rejected, says which and why, and loads the good rows when asked', () => {
    const lists = file('lists.csv', 'EligibilityList::Pp50School,107912,urn', 'EligibilityList::Pp50School,1079,urn', 'EligibilityList::RiseSchool,137201,urn')
    const refused = run(lists)
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /line 3: identifier "1079" is not a school URN/)
    assert.match(refused.stderr, /Nothing changed: 1 rows were rejected \(listed above\)\. Fix them, or run again with --keep-good-rows\./)

    const kept = run(lists, '--keep-good-rows')
    assert.equal(kept.status, 1, 'a rejected row still fails the command')
    assert.match(kept.stdout, /pp50_school: 1 entries\nrise_school: 1 entries\nReplaced 2 lists; rejected 1 rows\./)
  })

  it('says how to use it', () => {
    const result = run()
    assert.equal(result.status, 2)
    assert.match(result.stderr, /Usage: npm run npq:import-eligibility-lists -- FILE\.csv \[--keep-good-rows\]/)
  })
})
