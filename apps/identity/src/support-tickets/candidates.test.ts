import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listen, type RunningServer } from '../../../../packages/kit/src/http/server.ts'
import { startTestService, type TestService } from '../../../records/src/testing/test-service.ts'
import { createRecordsClient, type RecordsClient } from '../teaching-records/records-client.ts'
import { describeCandidates } from './candidates.ts'
import { ticketFromPendingLookup } from './ticket-content.ts'

// Against the real teaching record service and its demo twins, so the ticket reads the matcher's real reason codes.
describe('the candidates an agent compares', () => {
  let records: TestService
  let server: RunningServer
  let client: RecordsClient
  before(async () => {
    records = await startTestService()
    server = await listen(records.app, 0, '127.0.0.1')
    client = createRecordsClient({ baseUrl: `http://127.0.0.1:${server.port}`, apiKey: records.key })
  })
  after(async () => {
    await server.stop()
    await records.close()
  })

  it('come with their records’ names and dates of birth, side by side in the ticket', async () => {
    const answers = { firstName: 'J', lastName: 'Robinson', dateOfBirth: '1993-01-08' }
    const answer = await client.match(answers)
    assert.equal(answer.outcome, 'possible')
    const candidates = await describeCandidates(client, answer.outcome === 'possible' ? answer.candidates : [])
    assert.deepEqual(candidates.map((candidate) => [candidate.trn, candidate.record?.firstName, candidate.record?.lastName, candidate.record?.dateOfBirth]).sort(), [
      ['1000006', 'Jack', 'Robinson', '1993-01-08'],
      ['1000007', 'Jake', 'Robinson', '1993-01-08'],
    ])

    const ticket = ticketFromPendingLookup(answers, { status: 'Pending', matcher: 'possible', candidates }, { clientId: 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: false }, { sub: '5f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a10', email: 'j.robinson@school.example' })
    assert.ok(ticket)
    for (const candidate of ticket.snapshot.candidates) assert.deepEqual(candidate.matchedFields, ['lastName', 'dateOfBirth'])
    assert.match(ticket.body, /Last name +\| Robinson +\| Robinson \(same\) +\| Robinson \(same\)/)
    assert.match(ticket.body, /Date of birth +\| 8 January 1993 +\| 8 January 1993 \(same\) +\| 8 January 1993 \(same\)/)
    assert.match(ticket.body, /First name +\| J +\| Ja(ck|ke) \(initial only\) +\| Ja(ck|ke) \(initial only\)/)
  })

  it('are still listed, by TRN and reasons, when their records cannot be read', async () => {
    const down = createRecordsClient({ baseUrl: 'http://127.0.0.1:9', apiKey: records.key, timeoutMs: 500 })
    const candidates = await describeCandidates(down, [{ trn: '1000006', score: 60, reasons: ['last_name_exact'] }])
    assert.deepEqual(candidates, [{ trn: '1000006', score: 60, reasons: ['last_name_exact'], record: null }])
    const failing = await describeCandidates({ getRecord: () => Promise.reject(new Error('boom')) }, [{ trn: '1000007', score: 50, reasons: [] }])
    assert.equal(failing[0]?.record, null)
  })
})
