import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openIdentityDatabase } from '../database/open.ts'
import { clientSecretMatches } from './secrets.ts'

const CLI = new URL('./cli.ts', import.meta.url).pathname

describe('npm run identity:client', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, IDENTITY_DATABASE_URL: '', DATABASE_URL: '' }, encoding: 'utf8' })

  it('registers a client and prints one JSON line with its id and secret; refuses bad input with the reasons', async () => {
    const result = run(['--name', 'Register for an NPQ', '--redirect-uri', 'https://npq.example/auth/callback', '--scopes', 'openid email profile trn', '--trn-required'])
    assert.equal(result.status, 0, result.stderr)
    const lines = result.stdout.trim().split('\n')
    assert.equal(lines.length, 1)
    const printed = JSON.parse(lines[0] as string)
    assert.deepEqual(Object.keys(printed).sort(), ['client_id', 'client_secret'])

    const bad = run(['--name', 'Broken', '--redirect-uri', 'not a url', '--scopes', 'openid wishes'])
    assert.equal(bad.status, 2)
    assert.equal(bad.stdout, '')
    assert.match(bad.stderr, /redirect URI "not a url" must be an absolute http\(s\) URL/)
    assert.match(bad.stderr, /unknown scope "wishes"/)

    const { database } = await openIdentityDatabase({ dataDir, databaseUrl: undefined })
    try {
      const row = await database.db.selectFrom('clients').selectAll().where('client_id', '=', printed.client_id).executeTakeFirstOrThrow()
      assert.equal(row.trn_requirement, 'required')
      assert.deepEqual(row.scopes, ['openid', 'email', 'profile', 'trn'])
      assert.ok(clientSecretMatches(printed.client_secret, row.secret_hash))
    } finally {
      await database.close()
    }
  })
})
