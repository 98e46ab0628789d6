import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import supertest from 'supertest'
import { startTestService, type TestService } from './testing/test-service.ts'

describe('operations endpoints', () => {
  let service: TestService
  before(async () => {
    service = await startTestService({ seed: false })
  })
  after(() => service.close())

  it('/health reports the database', async () => {
    const response = await supertest(service.app).get('/health').expect(200)
    assert.deepEqual(response.body, { status: 'ok', database: 'ok' })
  })

  it('/metrics counts requests by route pattern, never by TRN', async () => {
    await service.api().get('/api/v1/persons/1234567').expect(404)
    const metrics = await supertest(service.app).get('/metrics').expect(200)
    assert.match(metrics.text, /http_requests_total\{method="GET",route="\/api\/v1\/persons\/:trn",status="404",service="records"\} 1/)
    assert.doesNotMatch(metrics.text, /1234567/)
  })

  it('serves the OpenAPI description beside the API', async () => {
    const document = await supertest(service.app).get('/api/docs/openapi.json').expect(200)
    assert.equal(document.body.openapi, '3.0.3')
    for (const path of ['/persons/{trn}', '/persons/{trn}/changes', '/persons', '/persons/match', '/trn-requests', '/trn-requests/{requestId}']) assert.ok(document.body.paths[path], path)
    assert.deepEqual(document.body.components.schemas.PersonDetails.required, ['firstName', 'lastName', 'dateOfBirth'])
    const page = await supertest(service.app).get('/api/docs').expect(200)
    assert.match(page.text, /swagger-ui-bundle\.js/)
    await supertest(service.app).get('/api/docs/assets/swagger-ui-bundle.js').expect(200)
  })

  it('answers unknown paths with a JSON 404', async () => {
    const response = await supertest(service.app).get('/nowhere').expect(404)
    assert.equal(response.body.error.code, 'not_found')
  })
})
