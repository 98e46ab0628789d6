import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const entry = new URL('./main.ts', import.meta.url).pathname

function startService(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'records-main-')), RECORDS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = pattern.exec(output)
      if (found) return found
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)
  }
  return { child, exited, waitFor, output: () => output }
}

describe('the records service process', () => {
  it('starts on an empty machine with demo data, answers /health, and stops cleanly on SIGTERM', async () => {
    const service = startService({})
    const listening = await service.waitFor(/listening on http:\/\/localhost:(\d+)/)
    const health = await fetch(`http://127.0.0.1:${listening[1]}/health`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' })
    assert.match(service.output(), /seeded 12 demo teaching records/)
    const person = await fetch(`http://127.0.0.1:${listening[1]}/api/v1/persons/1000001`, {
      headers: { Authorization: 'Bearer trs_development-key-for-local-use-only-0000000000' },
    })
    assert.equal(person.status, 200)
    service.child.kill('SIGTERM')
    assert.equal(await service.exited, 0)
    assert.match(service.output(), /"msg":"stopped"/)
  })

  it('refuses to start with a clear message, and no stack trace, when configuration is wrong', async () => {
    const service = startService({ RECORDS_TRN_RANGES: '3000000-2000000', LOG_LEVEL: 'loud' })
    assert.equal(await service.exited, 1)
    assert.match(service.output(), /Invalid configuration/)
    assert.match(service.output(), /RECORDS_TRN_RANGES: TRN range "3000000-2000000" ends before it starts/)
    assert.match(service.output(), /LOG_LEVEL/)
    assert.doesNotMatch(service.output(), /\.ts:\d+:\d+/)
  })
})
