import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestService, type TestService } from '../testing/test-service.ts'

describe('PATCH /api/v1/persons/{trn} and GET /api/v1/persons/{trn}/changes', () => {
  let service: TestService
  before(async () => {
    service = await startTestService()
  })
  after(() => service.close())

  it('changes a surname, keeps the old one as a previous name, and records who changed what, before and after', async () => {
    const response = await service.api().patch('/api/v1/persons/1000001').send({ lastName: 'Okafor', reason: 'Marriage certificate seen' }).expect(200)
    assert.equal(response.body.lastName, 'Okafor')
    assert.deepEqual(response.body.previousNames[0], { firstName: 'Sarah', middleName: 'Jane', lastName: 'Thompson', stoppedUsingOn: '2026-11-22' })

    // Matchable by both names now.
    for (const lastName of ['Okafor', 'Thompson']) {
      const match = await service.api().post('/api/v1/persons/match').send({ firstName: 'Sarah', lastName, dateOfBirth: '1986-04-12', nationalInsuranceNumber: 'QQ123456C' }).expect(200)
      assert.equal(match.body.trn, '1000001', lastName)
    }
    const lookup = await service.api().get('/api/v1/persons').query({ lastName: 'Okafor', dateOfBirth: '1986-04-12' }).expect(200)
    assert.deepEqual(lookup.body.persons.map((person: { trn: string }) => person.trn), ['1000001'])

    const changes = await service.api().get('/api/v1/persons/1000001/changes').expect(200)
    const [latest] = changes.body.changes
    assert.equal(latest.type, 'person_updated')
    assert.match(latest.actor, /^api-key:test-key-/)
    assert.equal(latest.before.lastName, 'Thompson')
    assert.equal(latest.after.lastName, 'Okafor')
    assert.equal(latest.after.reason, 'Marriage certificate seen')
    assert.ok(!Number.isNaN(Date.parse(latest.occurredAt)))
    assert.equal(changes.body.changes.at(-1).type, 'person_created')
  })

  it('clears an optional field with null and records nothing when nothing changes', async () => {
    await service.api().patch('/api/v1/persons/1000008').send({ email: null }).expect(200)
    const cleared = await service.api().get('/api/v1/persons/1000008').expect(200)
    assert.equal(cleared.body.email, null)
    const before = (await service.api().get('/api/v1/persons/1000008/changes').expect(200)).body.changes.length
    await service.api().patch('/api/v1/persons/1000008').send({ email: null, firstName: 'Siân' }).expect(200)
    const after = (await service.api().get('/api/v1/persons/1000008/changes').expect(200)).body.changes.length
    assert.equal(after, before)
  })

  it('refuses bad input, merged and deactivated records, and changes nothing', async () => {
    const noChanges = await service.api().patch('/api/v1/persons/1000002').send({ reason: 'nothing' }).expect(400)
    assert.equal(noChanges.body.error.errors[0].code, 'no_changes')
    const badDate = await service.api().patch('/api/v1/persons/1000002').send({ dateOfBirth: '1979-02-30' }).expect(400)
    assert.equal(badDate.body.error.field, 'dateOfBirth')
    const unknown = await service.api().patch('/api/v1/persons/1000002').send({ trn: '1234567' }).expect(400)
    assert.equal(unknown.body.error.errors[0].code, 'unknown_field')
    const merged = await service.api().patch('/api/v1/persons/1000011').send({ firstName: 'Sally' }).expect(409)
    assert.equal(merged.body.error.code, 'record_merged')
    await service.api().patch('/api/v1/persons/1000012').send({ firstName: 'Sally' }).expect(410)
    await service.api().patch('/api/v1/persons/7654321').send({ firstName: 'Sally' }).expect(404)
    const segun = await service.api().get('/api/v1/persons/1000002').expect(200)
    assert.equal(segun.body.dateOfBirth, '1979-11-03')
    assert.deepEqual((await service.api().get('/api/v1/persons/1000002/changes').expect(200)).body.changes.length, 1)
  })

  it('needs the write role to change and the read role to see changes', async () => {
    const readOnly = await service.keyWith(['read'])
    await service.api().patch('/api/v1/persons/1000002').set('Authorization', `Bearer ${readOnly}`).send({ firstName: 'Segun' }).expect(403)
    const writeOnly = await service.keyWith(['write'])
    await service.api().get('/api/v1/persons/1000002/changes').set('Authorization', `Bearer ${writeOnly}`).expect(403)
  })
})
