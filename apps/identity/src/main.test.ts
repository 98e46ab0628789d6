import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const entry = new URL('./main.ts', import.meta.url).pathname

function startService(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-main-'))
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, IDENTITY_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = pattern.exec(output)
      if (found) return found
      if (child.exitCode !== null) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)
  }
  return { child, exited, waitFor, output: () => output, cleanUp: () => rmSync(dataDir, { recursive: true, force: true }) }
}

describe('the identity service process', () => {
  it('starts with the sign-in journey, the demo service and the email worker, and stops cleanly on SIGTERM', async () => {
    const service = startService({ IDENTITY_FIXED_EMAIL_CODE: '123456', IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true' })
    try {
      const listening = await service.waitFor(/listening on http:\/\/localhost:(\d+)/)
      const base = `http://127.0.0.1:${listening[1]}`
      assert.match(service.output(), /every email code is the same fixed code/)
      const account = await fetch(`${base}/account`)
      assert.equal(account.status, 200)
      assert.match(await account.text(), /You are not signed in/)
      assert.match(account.headers.get('set-cookie') ?? '', /^$/, 'no session until a page needs one')
      const demo = await fetch(`${base}/demo`)
      assert.equal(demo.status, 200)
      assert.match(demo.headers.get('set-cookie') ?? '', /^identity_session=/)
      const lost = await fetch(`${base}/sign-in/email`)
      assert.equal(lost.status, 400)
      assert.match(await lost.text(), /This page has expired/)
      service.child.kill('SIGTERM')
      assert.equal(await service.exited, 0)
      assert.match(service.output(), /"msg":"stopped"/)
    } finally {
      service.child.kill('SIGKILL')
      service.cleanUp()
    }
  })

  it('refuses to start in production with a fixed email code, saying why, without a stack trace', async () => {
    const service = startService({
      NODE_ENV: 'production',
      IDENTITY_ISSUER: 'https://identity.education.gov.uk',
      IDENTITY_COOKIE_KEYS: 'k'.repeat(48),
      IDENTITY_RECORDS_API_KEY: 'trs_production-key',
      IDENTITY_FIXED_EMAIL_CODE: '123456',
      IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true',
    })
    try {
      assert.equal(await service.exited, 1)
      assert.match(service.output(), /IDENTITY_FIXED_EMAIL_CODE: a fixed email code is never allowed in production/)
      assert.doesNotMatch(service.output(), /\n\s+at /)
    } finally {
      service.cleanUp()
    }
  })
})
