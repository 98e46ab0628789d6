import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import supertest from 'supertest'
import { hashApiKey } from '../api-keys/keys.ts'
import { startTestService, type TestService } from '../testing/test-service.ts'

describe('GET /api/v1/persons/{trn}', () => {
  let service: TestService
  before(async () => {
    service = await startTestService()
  })
  after(() => service.close())

  it('returns the whole record: names, previous names, qualifications, alerts and NPQs', async () => {
    const emma = await service.api().get('/api/v1/persons/1000003').expect(200)
    assert.equal(emma.body.lastName, 'Clarke')
    assert.deepEqual(emma.body.previousNames.map((name: { lastName: string }) => name.lastName), ['Wilson'])
    assert.equal(emma.body.qtsDate, '2012-07-20')
    assert.equal(emma.body.nationalInsuranceNumber, 'QQ654321A')

    const mark = await service.api().get('/api/v1/persons/1000004').expect(200)
    assert.equal(mark.body.alerts.length, 1)
    assert.equal(mark.body.alerts[0].type.code, 'T1')
    assert.equal(mark.body.alerts[0].type.isProhibition, true)
    assert.equal(mark.body.alerts[0].isOpen, true)

    const priya = await service.api().get('/api/v1/persons/1000005').expect(200)
    assert.deepEqual(priya.body.npqQualifications, [
      { type: 'NPQH', awardedOn: '2024-06-28' },
      { type: 'NPQSL', awardedOn: '2021-12-10' },
    ])
  })

  it('forgives spaces in the TRN but keeps leading zeros significant', async () => {
    await service.api().get('/api/v1/persons/100%200001').expect(200)
    const response = await service.api().get('/api/v1/persons/0100000').expect(404)
    assert.equal(response.body.error.code, 'person_not_found')
  })

  it('answers 410 Gone for a deactivated record', async () => {
    const response = await service.api().get('/api/v1/persons/1000012').expect(410)
    assert.equal(response.body.error.code, 'record_deactivated')
  })

  it('redirects a merged TRN to the surviving record with 308', async () => {
    const response = await service.api().get('/api/v1/persons/1000011').expect(308)
    assert.equal(response.headers.location, '/api/v1/persons/1000001')
    assert.equal(response.body.trn, '1000001')
    assert.equal(response.body.error.code, 'record_merged')
  })

  it('refuses a TRN of the wrong shape with a stable code and field', async () => {
    for (const bad of ['123456', '12345678', 'abcdefg']) {
      const response = await service.api().get(`/api/v1/persons/${bad}`).expect(400)
      assert.equal(response.body.error.code, 'validation_failed')
      assert.equal(response.body.error.field, 'trn')
      assert.equal(response.body.error.errors[0].code, 'invalid_trn')
    }
  })

  it('needs a valid API key with the read role', async () => {
    const missing = await supertest(service.app).get('/api/v1/persons/1000001').expect(401)
    assert.equal(missing.body.error.code, 'unauthorised')
    assert.equal(missing.headers['www-authenticate'], 'Bearer')
    await supertest(service.app).get('/api/v1/persons/1000001').set('Authorization', 'Bearer trs_not-a-real-key').expect(401)
    await supertest(service.app).get('/api/v1/persons/1000001').set('Authorization', service.key).expect(401)
    const matchOnly = await service.keyWith(['match'])
    const forbidden = await supertest(service.app).get('/api/v1/persons/1000001').set('Authorization', `Bearer ${matchOnly}`).expect(403)
    assert.equal(forbidden.body.error.code, 'forbidden')
  })

  it('stops a key that goes over its per-minute limit with 429 and Retry-After', async () => {
    const key = await service.keyWith(['read'], { requestsPerMinute: 3 })
    const get = () => supertest(service.app).get('/api/v1/persons/1000001').set('Authorization', `Bearer ${key}`)
    for (let i = 0; i < 3; i++) await get().expect(200)
    const limited = await get().expect(429)
    assert.equal(limited.body.error.code, 'rate_limited')
    assert.ok(Number(limited.headers['retry-after']) >= 1)
    // Another key is not affected.
    await service.api().get('/api/v1/persons/1000001').expect(200)
  })

  it('does not accept a revoked key', async () => {
    const key = await service.keyWith(['read'])
    await service.database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('key_hash', '=', hashApiKey(key)).execute()
    await supertest(service.app).get('/api/v1/persons/1000001').set('Authorization', `Bearer ${key}`).expect(401)
  })
})

describe("GET /api/v1/persons?lastName=&dateOfBirth= (employers' exact lookup)", () => {
  let service: TestService
  before(async () => {
    service = await startTestService()
  })
  after(() => service.close())

  it('finds a person by a previous surname as well as the current one', async () => {
    const byCurrent = await service.api().get('/api/v1/persons').query({ lastName: 'Clarke', dateOfBirth: '1990-02-25' }).expect(200)
    const byPrevious = await service.api().get('/api/v1/persons').query({ lastName: 'wilson', dateOfBirth: '1990-02-25' }).expect(200)
    assert.deepEqual(byCurrent.body.persons.map((person: { trn: string }) => person.trn), ['1000003'])
    assert.deepEqual(byPrevious.body.persons.map((person: { trn: string }) => person.trn), ['1000003'])
  })

  it('returns both twins, flags open alerts, and never returns merged or deactivated records', async () => {
    const twins = await service.api().get('/api/v1/persons').query({ lastName: 'Robinson', dateOfBirth: '1993-01-08' }).expect(200)
    assert.deepEqual(twins.body.persons.map((person: { trn: string }) => person.trn), ['1000006', '1000007'])
    const mark = await service.api().get('/api/v1/persons').query({ lastName: 'Pemberton', dateOfBirth: '1975-06-30' }).expect(200)
    assert.equal(mark.body.persons[0].hasOpenAlerts, true)
    const sarah = await service.api().get('/api/v1/persons').query({ lastName: 'Thompson', dateOfBirth: '1986-04-12' }).expect(200)
    assert.deepEqual(sarah.body.persons.map((person: { trn: string }) => person.trn), ['1000001'])
  })

  it('is exact: a different date of birth finds nobody', async () => {
    const response = await service.api().get('/api/v1/persons').query({ lastName: 'Clarke', dateOfBirth: '1990-02-26' }).expect(200)
    assert.deepEqual(response.body.persons, [])
  })

  it('refuses missing, impossible and unknown parameters', async () => {
    const missing = await service.api().get('/api/v1/persons').query({ lastName: 'Clarke' }).expect(400)
    assert.equal(missing.body.error.errors[0].field, 'dateOfBirth')
    assert.equal(missing.body.error.errors[0].code, 'required')
    const impossible = await service.api().get('/api/v1/persons').query({ lastName: 'Clarke', dateOfBirth: '1990-02-31' }).expect(400)
    assert.equal(impossible.body.error.errors[0].code, 'invalid_date')
    const unknown = await service.api().get('/api/v1/persons').query({ lastName: 'Clarke', dateOfBirth: '1990-02-25', trn: '1' }).expect(400)
    assert.equal(unknown.body.error.errors[0].code, 'unknown_field')
    const repeated = await service.api().get('/api/v1/persons?lastName=a&lastName=b&dateOfBirth=1990-02-25').expect(400)
    assert.equal(repeated.body.error.errors[0].code, 'wrong_type')
  })
})
