import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openIdentityDatabase } from '../../database/open.ts'
import { adminDb } from '../schema.ts'

const CLI = new URL('./cli.ts', import.meta.url).pathname

describe('npm run identity:staff', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-staff-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, IDENTITY_DATABASE_URL: '', DATABASE_URL: '' }, encoding: 'utf8' })

  it('adds the first admin and prints one JSON line; refuses bad input and a second account for the address', async () => {
    const added = run(['--email', 'Head.Of.Support@education.gov.uk', '--name', 'Hannah Head', '--roles', 'admin,support'])
    assert.equal(added.status, 0, added.stderr)
    const lines = added.stdout.trim().split('\n')
    assert.equal(lines.length, 1)
    const printed = JSON.parse(lines[0] as string)
    assert.deepEqual({ ...printed, id: typeof printed.id }, { id: 'string', email: 'Head.Of.Support@education.gov.uk', name: 'Hannah Head', roles: ['support', 'admin'] })

    const bad = run(['--email', 'not-an-email', '--roles', 'support,superuser'])
    assert.equal(bad.status, 2)
    assert.equal(bad.stdout, '')
    assert.match(bad.stderr, /--name is required/)
    const worse = run(['--email', 'not-an-email', '--name', 'X', '--roles', 'support,superuser'])
    assert.equal(worse.status, 2)
    assert.match(worse.stderr, /Enter an email address in the correct format/)
    assert.match(worse.stderr, /Unknown role "superuser": roles are support and admin/)

    const twice = run(['--email', 'head.of.support@EDUCATION.gov.uk', '--name', 'Someone Else', '--roles', 'support'])
    assert.equal(twice.status, 2)
    assert.match(twice.stderr, /A staff account with this email address already exists/)

    const { database } = await openIdentityDatabase({ dataDir, databaseUrl: undefined })
    try {
      const staff = await adminDb(database.db).selectFrom('staff_users').selectAll().execute()
      assert.equal(staff.length, 1)
      assert.equal(staff[0]?.id, printed.id)
      const events = await database.db.selectFrom('events').select(['event_type', 'actor']).execute()
      assert.deepEqual(events, [{ event_type: 'staff_added', actor: 'cli' }])
    } finally {
      await database.close()
    }
  })
})
