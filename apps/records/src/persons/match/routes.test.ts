import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestService, type TestService } from '../../testing/test-service.ts'

describe('POST /api/v1/persons/match', () => {
  let service: TestService
  before(async () => {
    service = await startTestService()
  })
  after(() => service.close())

  const match = (body: unknown) => service.api().post('/api/v1/persons/match').send(body as object)

  it('matches a person who gives their name, date of birth and NI number, and says which fields agreed', async () => {
    const response = await match({ firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: '1986-04-12', nationalInsuranceNumber: 'qq 12 34 56 c' }).expect(200)
    assert.equal(response.body.outcome, 'match')
    assert.equal(response.body.trn, '1000001')
    for (const field of ['firstName', 'lastName', 'dateOfBirth', 'nationalInsuranceNumber']) assert.ok(response.body.agreedFields.includes(field), field)
  })

  it('matches a married teacher who gives the surname she qualified under', async () => {
    const response = await match({ firstName: 'Emma', lastName: 'Wilson', dateOfBirth: '1990-02-25', nationalInsuranceNumber: 'QQ654321A' }).expect(200)
    assert.equal(response.body.outcome, 'match')
    assert.equal(response.body.trn, '1000003')
  })

  it('matches by TRN when there is no NI number, with the TRN typed with spaces', async () => {
    const response = await match({ firstName: 'Segun', lastName: 'Adeyemi', dateOfBirth: '1979-11-03', trn: '100 0002' }).expect(200)
    assert.equal(response.body.outcome, 'match')
    assert.equal(response.body.trn, '1000002')
  })

  it('sends twins who give only a shared nickname to a person, never to a match', async () => {
    const response = await match({ firstName: 'J', lastName: 'Robinson', dateOfBirth: '1993-01-08' }).expect(200)
    assert.equal(response.body.outcome, 'possible')
    const trns = response.body.candidates.map((candidate: { trn: string }) => candidate.trn).sort()
    assert.deepEqual(trns, ['1000006', '1000007'])
    for (const candidate of response.body.candidates) {
      assert.ok(candidate.score >= 0 && candidate.score <= 100)
      assert.ok(candidate.reasons.includes('date_of_birth_exact'))
    }
  })

  it('never matches on a stated TRN whose record disagrees on name and date of birth', async () => {
    const response = await match({ firstName: 'Oliver', lastName: 'Grant', dateOfBirth: '1960-07-07', trn: '1000004' }).expect(200)
    assert.notEqual(response.body.outcome, 'match')
    assert.equal(response.body.outcome, 'possible')
    assert.equal(response.body.candidates[0].trn, '1000004')
  })

  it('answers none for someone with no plausible record', async () => {
    const response = await match({ firstName: 'Hermione', lastName: 'Featherstonehaugh', dateOfBirth: '1991-10-10', nationalInsuranceNumber: 'QQ999999A' }).expect(200)
    assert.deepEqual(response.body, { outcome: 'none' })
  })

  it('does not consider merged or deactivated records', async () => {
    const response = await match({ firstName: 'Test', lastName: 'Record', dateOfBirth: '1980-01-01' }).expect(200)
    assert.equal(response.body.outcome, 'none')
  })

  describe('bad input gets 400 with a stable code and field', () => {
    const valid = { firstName: 'Sarah', lastName: 'Thompson', dateOfBirth: '1986-04-12' }
    const cases: Array<[string, unknown, string, string]> = [
      ['31 February', { ...valid, dateOfBirth: '1986-02-31' }, 'dateOfBirth', 'invalid_date'],
      ['a date of birth in the future', { ...valid, dateOfBirth: '2030-01-01' }, 'dateOfBirth', 'date_in_future'],
      ['a date in another format', { ...valid, dateOfBirth: '12/04/1986' }, 'dateOfBirth', 'invalid_date'],
      ['an NI number of the wrong shape', { ...valid, nationalInsuranceNumber: 'AB12345' }, 'nationalInsuranceNumber', 'invalid_national_insurance_number'],
      ['an NI number with a forbidden prefix', { ...valid, nationalInsuranceNumber: 'GB123456A' }, 'nationalInsuranceNumber', 'invalid_national_insurance_number'],
      ['a TRN of the wrong shape', { ...valid, trn: '12345' }, 'trn', 'invalid_trn'],
      ['a TRN with letters', { ...valid, trn: '12345AB' }, 'trn', 'invalid_trn'],
      ['a number where text belongs', { ...valid, firstName: 42 }, 'firstName', 'wrong_type'],
      ['a missing last name', { firstName: 'Sarah', dateOfBirth: '1986-04-12' }, 'lastName', 'required'],
      ['an empty first name', { ...valid, firstName: '   ' }, 'firstName', 'required'],
      ['an unknown field', { ...valid, favouriteColour: 'blue' }, 'favouriteColour', 'unknown_field'],
      ['previous names that are not a list', { ...valid, previousLastNames: 'Wilson' }, 'previousLastNames', 'wrong_type'],
      ['an over-long name', { ...valid, lastName: 'x'.repeat(101) }, 'lastName', 'too_long'],
      ['an email that is not one', { ...valid, email: 'not-an-email' }, 'email', 'invalid_email'],
    ]
    for (const [name, body, field, code] of cases) {
      it(name, async () => {
        const response = await match(body).expect(400)
        assert.equal(response.body.error.code, 'validation_failed')
        assert.equal(response.body.error.field, field)
        assert.equal(response.body.error.errors[0].code, code)
        assert.doesNotMatch(JSON.stringify(response.body), /\.ts:\d+:\d+/, 'no stack trace')
      })
    }

    it('malformed JSON', async () => {
      const response = await service.api().post('/api/v1/persons/match').set('Content-Type', 'application/json').send('{"firstName": "Sar').expect(400)
      assert.equal(response.body.error.code, 'malformed_json')
    })

    it('a body that is not JSON', async () => {
      const response = await service.api().post('/api/v1/persons/match').set('Content-Type', 'text/plain').send('firstName=Sarah').expect(415)
      assert.equal(response.body.error.code, 'unsupported_media_type')
    })

    it('a JSON array instead of an object', async () => {
      const response = await match([valid]).expect(400)
      assert.equal(response.body.error.code, 'validation_failed')
    })

    it('an oversize body', async () => {
      const response = await match({ ...valid, middleName: 'x'.repeat(200_000) }).expect(413)
      assert.equal(response.body.error.code, 'body_too_large')
    })
  })

  it('needs the match role', async () => {
    const readOnly = await service.keyWith(['read'])
    await service.api().post('/api/v1/persons/match').set('Authorization', `Bearer ${readOnly}`).send({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' }).expect(403)
  })
})
