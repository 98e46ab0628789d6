import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const cli = new URL('./cli.ts', import.meta.url).pathname

describe('npm run records:api-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'records-keys-'))
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, encoding: 'utf8' })

  it('creates a key, shows it once, refuses a second key with the same name, and revokes it', () => {
    const created = run('--name', 'Register for an NPQ', '--roles', 'match,read,allocate')
    assert.equal(created.status, 0, created.stderr)
    const key = created.stdout.trim().split('\n').at(-1) ?? ''
    assert.match(key, /^trs_[A-Za-z0-9_-]{43}$/)
    const again = run('--name', 'Register for an NPQ', '--roles', 'read')
    assert.equal(again.status, 2)
    assert.match(again.stderr, /already exists/)
    const revoked = run('--revoke', 'Register for an NPQ')
    assert.equal(revoked.status, 0)
    assert.match(revoked.stdout, /Revoked/)
  })

  it('explains what is wrong with the arguments', () => {
    const result = run('--roles', 'read,fly')
    assert.equal(result.status, 2)
    assert.match(result.stderr, /--name is required/)
    assert.match(result.stderr, /unknown role "fly"/)
    assert.match(result.stderr, /Usage:/)
  })
})
