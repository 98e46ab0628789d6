import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestService, type TestService } from '../testing/test-service.ts'

const newPerson = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Imogen',
  lastName: 'Whitlock-Barnes',
  dateOfBirth: '1996-08-14',
  nationalInsuranceNumber: 'QQ987654B',
  email: 'imogen@example.com',
  ...overrides,
})

describe('POST /api/v1/trn-requests', () => {
  let service: TestService
  before(async () => {
    service = await startTestService({ trnRanges: [{ from: 2000000, to: 2000999 }] })
  })
  after(() => service.close())

  const submit = (body: unknown) => service.api().post('/api/v1/trn-requests').send(body as object)

  it('allocates a new TRN from the configured range for someone with no plausible record, and creates their record', async () => {
    const response = await submit({ requestId: 'new-1', person: newPerson() }).expect(201)
    assert.equal(response.body.status, 'completed')
    assert.equal(response.body.potentialDuplicate, false)
    assert.match(response.body.trn, /^2000\d{3}$/)
    const record = await service.api().get(`/api/v1/persons/${response.body.trn}`).expect(200)
    assert.equal(record.body.lastName, 'Whitlock-Barnes')
    const events = await service.database.db.selectFrom('person_events').innerJoin('persons', 'persons.id', 'person_events.person_id').select(['event_type', 'actor']).where('persons.trn', '=', response.body.trn).execute()
    assert.equal(events.length, 1)
    assert.equal(events[0]?.event_type, 'person_created')
    assert.match(events[0]?.actor ?? '', /^api-key:test-key-/)
  })

  it('is idempotent by request id: a repeat returns the first answer and creates nothing', async () => {
    const body = { requestId: 'repeat-1', person: newPerson({ firstName: 'Rowan', lastName: 'Quill', nationalInsuranceNumber: 'QQ111222C', email: 'rowan@example.com' }) }
    const first = await submit(body).expect(201)
    const before = await service.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    const second = await submit(body).expect(200)
    const afterRepeat = await service.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    assert.deepEqual(second.body, first.body)
    assert.equal(Number(afterRepeat.count), Number(before.count))
    const fetched = await service.api().get('/api/v1/trn-requests/repeat-1').expect(200)
    assert.deepEqual(fetched.body, first.body)
  })

  it('refuses the same request id with different details', async () => {
    await submit({ requestId: 'reuse-1', person: newPerson({ firstName: 'Ada', lastName: 'Lovelace', nationalInsuranceNumber: 'QQ333444D', email: null }) }).expect(201)
    const response = await submit({ requestId: 'reuse-1', person: newPerson({ firstName: 'Adam', lastName: 'Lovelace', nationalInsuranceNumber: 'QQ333444D', email: null }) }).expect(409)
    assert.equal(response.body.error.code, 'request_id_reused')
  })

  it('returns the existing TRN for a definite match', async () => {
    const response = await submit({ requestId: 'existing-1', person: { firstName: 'Priya', lastName: 'Sharma', dateOfBirth: '1982-09-18', nationalInsuranceNumber: 'QQ445566D' } }).expect(201)
    assert.deepEqual(response.body, { requestId: 'existing-1', status: 'completed', trn: '1000005', potentialDuplicate: false })
  })

  it('leaves the request pending, with no TRN, when records are plausible duplicates', async () => {
    const response = await submit({ requestId: 'twins-1', person: { firstName: 'J', lastName: 'Robinson', dateOfBirth: '1993-01-08' } }).expect(201)
    assert.deepEqual(response.body, { requestId: 'twins-1', status: 'pending', trn: null, potentialDuplicate: true })
    const stored = await service.database.db.selectFrom('trn_requests').select('candidates').where('request_id', '=', 'twins-1').executeTakeFirstOrThrow()
    assert.deepEqual((stored.candidates as Array<{ trn: string }>).map((candidate) => candidate.trn).sort(), ['1000006', '1000007'])
  })

  it('hands out distinct TRNs to concurrent requests for different people', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        submit({
          requestId: `concurrent-${index}`,
          person: { firstName: `Person${'abcdefghijkl'[index]}`, lastName: `Zyxwv${'mnopqrstuvwx'[index]}ton`, dateOfBirth: `19${70 + index}-0${1 + (index % 9)}-1${index % 9}`, nationalInsuranceNumber: `QQ5${String(index).padStart(5, '0')}A` },
        }),
      ),
    )
    for (const response of responses) assert.equal(response.status, 201)
    const trns = responses.map((response) => response.body.trn as string)
    assert.equal(new Set(trns).size, trns.length)
  })

  it('gives one TRN to one new person however many requests race for them', async () => {
    const person = newPerson({ firstName: 'Cassius', lastName: 'Vellacott', nationalInsuranceNumber: 'QQ676767A', email: 'cassius@example.com' })
    const responses = await Promise.all(Array.from({ length: 4 }, (_, index) => submit({ requestId: `race-${index}`, person })))
    const trns = new Set(responses.map((response) => response.body.trn))
    assert.equal(trns.size, 1)
    const records = await service.database.db.selectFrom('persons').select('trn').where('last_name', '=', 'Vellacott').execute()
    assert.equal(records.length, 1)
  })

  it('skips TRNs already taken and refuses cleanly when the ranges run out', async () => {
    const small = await startTestService({ trnRanges: [{ from: 1000001, to: 1000013 }] })
    try {
      // 1000001-1000012 belong to the demo personas, so the only free number is 1000013.
      const first = await small.api().post('/api/v1/trn-requests').send({ requestId: 'a', person: newPerson() }).expect(201)
      assert.equal(first.body.trn, '1000013')
      const exhausted = await small.api().post('/api/v1/trn-requests').send({ requestId: 'b', person: newPerson({ firstName: 'Zed', lastName: 'Nobody', nationalInsuranceNumber: 'QQ010101A', email: null }) }).expect(503)
      assert.equal(exhausted.body.error.code, 'trn_ranges_exhausted')
      await small.api().get('/api/v1/trn-requests/b').expect(404)
    } finally {
      await small.close()
    }
  })

  it('validates the request id and the person, and changes nothing on bad input', async () => {
    const before = await service.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    const badId = await submit({ requestId: 'has spaces!', person: newPerson() }).expect(400)
    assert.equal(badId.body.error.errors[0].code, 'invalid_request_id')
    const badPerson = await submit({ requestId: 'bad-person', person: newPerson({ dateOfBirth: '2001-13-01' }) }).expect(400)
    assert.equal(badPerson.body.error.field, 'person.dateOfBirth')
    const unknown = await submit({ requestId: 'bad-field', person: newPerson(), extra: true }).expect(400)
    assert.equal(unknown.body.error.errors[0].code, 'unknown_field')
    const after = await service.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    assert.equal(Number(after.count), Number(before.count))
    await service.api().get('/api/v1/trn-requests/bad-person').expect(404)
  })

  it('needs the allocate role, and keeps each key\'s requests to itself', async () => {
    const matchOnly = await service.keyWith(['match'])
    await service.api().post('/api/v1/trn-requests').set('Authorization', `Bearer ${matchOnly}`).send({ requestId: 'x', person: newPerson() }).expect(403)
    const otherAllocator = await service.keyWith(['allocate'])
    await service.api().get('/api/v1/trn-requests/new-1').set('Authorization', `Bearer ${otherAllocator}`).expect(404)
  })
})
