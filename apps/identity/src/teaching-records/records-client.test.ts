import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { listen, type RunningServer } from '../../../../packages/kit/src/http/server.ts'
import { startTestService, type TestService } from '../../../records/src/testing/test-service.ts'
import { createRecordsClient } from './records-client.ts'

// Against the real teaching record service, served over HTTP on a free port.
describe('the records client', () => {
  let records: TestService
  let server: RunningServer
  before(async () => {
    records = await startTestService()
    server = await listen(records.app, 0, '127.0.0.1')
  })
  after(async () => {
    await server.stop()
    await records.close()
  })

  const client = () => createRecordsClient({ baseUrl: `http://127.0.0.1:${server.port}`, apiKey: records.key })

  it('asks the matcher and passes on its answer', async () => {
    const found = await client().match({ firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: '1986-04-12', nationalInsuranceNumber: 'QQ123456C' })
    assert.equal(found.outcome, 'match')
    assert.equal(found.outcome === 'match' && found.trn, '1000001')
    const twins = await client().match({ firstName: 'J', lastName: 'Robinson', dateOfBirth: '1993-01-08' })
    assert.equal(twins.outcome, 'possible')
    assert.deepEqual((await client().match({ firstName: 'Nobody', lastName: 'Atall', dateOfBirth: '1990-01-01' })).outcome, 'none')
  })

  it('reads a record, following a merge, and flags an open prohibition', async () => {
    assert.equal((await client().getRecord('1000004'))?.hasOpenProhibition, true)
    assert.equal((await client().getRecord('1000001'))?.hasOpenProhibition, false)
    assert.equal((await client().getRecord('1000011'))?.trn, '1000001')
    assert.equal(await client().getRecord('1000012'), null)
    assert.equal(await client().getRecord('7777777'), null)
  })

  it('answers unavailable, not an exception, when the key is wrong, the service is down or too slow', async () => {
    const wrongKey = createRecordsClient({ baseUrl: `http://127.0.0.1:${server.port}`, apiKey: 'trs_wrong' })
    assert.deepEqual(await wrongKey.match({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' }), { outcome: 'unavailable', reason: 'records service answered 401' })
    const down = createRecordsClient({ baseUrl: 'http://127.0.0.1:9', apiKey: records.key })
    assert.equal((await down.match({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' })).outcome, 'unavailable')
    const slowServer = createServer(() => {})
    await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve))
    const address = slowServer.address()
    const slow = createRecordsClient({ baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, apiKey: records.key, timeoutMs: 200 })
    const started = Date.now()
    assert.equal((await slow.match({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' })).outcome, 'unavailable')
    assert.ok(Date.now() - started < 2000)
    slowServer.closeAllConnections()
    slowServer.close()
  })
})
