import assert from 'node:assert/strict'
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fixedClock } from '../clock.ts'
import { createLocalOutboxSender, localOutboxFile, readLocalOutbox } from './local-outbox.ts'

describe('the local email outbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outbox-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const clock = fixedClock('2026-11-22T12:00:00Z')
  const templates = { 'sign-in-code': { subject: '((code)) is your sign in code', body: 'Hello ((name)),\n\nEnter ((code)) to sign in.' } }

  it('appends one JSON object per line to $DATA_DIR/outbox/emails.jsonl, with the rendered subject and body', async () => {
    const identity = createLocalOutboxSender({ dataDir, service: 'identity', templates, clock })
    const sent = await identity.send({ id: 7, to: 'ada@example.com', template: 'sign-in-code', personalisation: { code: '123456', name: 'Ada' }, reference: 'sign-in' })
    assert.deepEqual(sent, { sentWith: 'local_outbox', providerReference: null })
    clock.advance(1000)
    const npq = createLocalOutboxSender({ dataDir, service: 'npq', templates, clock })
    await npq.send({ id: 8, to: 'grace@example.com', template: 'sign-in-code', personalisation: { code: '654321', name: 'Grace' }, reference: null })

    assert.equal(localOutboxFile(dataDir), join(dataDir, 'outbox', 'emails.jsonl'))
    const lines = readFileSync(localOutboxFile(dataDir), 'utf8').split('\n')
    assert.equal(lines.length, 3)
    assert.equal(lines[2], '')
    assert.deepEqual(JSON.parse(lines[0] ?? ''), {
      id: 7,
      service: 'identity',
      to: 'ada@example.com',
      template: 'sign-in-code',
      subject: '123456 is your sign in code',
      body: 'Hello Ada,\n\nEnter 123456 to sign in.',
      personalisation: { code: '123456', name: 'Ada' },
      reference: 'sign-in',
      sentAt: '2026-11-22T12:00:00.000Z',
    })
    assert.equal(JSON.parse(lines[1] ?? '').service, 'npq')
  })

  it('reads the emails back newest first, skipping a line cut short', async () => {
    appendFileSync(localOutboxFile(dataDir), '{"to":"half-writ')
    const emails = await readLocalOutbox(dataDir)
    assert.deepEqual(emails.map((email) => email.to), ['grace@example.com', 'ada@example.com'])
  })

  it('reads an outbox that does not exist yet as empty', async () => {
    assert.deepEqual(await readLocalOutbox(join(dataDir, 'nothing-here')), [])
  })
})
