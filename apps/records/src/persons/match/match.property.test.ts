import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { startTestService, type TestService } from '../../testing/test-service.ts'

// End to end through the API and the database: whatever record the service creates, the person's own exact
// details find it again, and a stranger sharing only a date of birth never gets it.

const letters = fc.stringMatching(/^[A-Z][a-z]{3,11}$/)
const dateOfBirth = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2004-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))
const person = fc.record({ firstName: letters, lastName: letters, dateOfBirth, serial: fc.integer({ min: 0, max: 999_999 }) })

describe('matching through the API (property-based)', () => {
  let service: TestService
  before(async () => {
    service = await startTestService({ seed: false })
  })
  after(() => service.close())

  it('an exact query with the NI number or TRN always matches the record it describes', async () => {
    let request = 0
    await fc.assert(
      fc.asyncProperty(person, fc.boolean(), async (details, byTrn) => {
        const nationalInsuranceNumber = `QQ${String(details.serial).padStart(6, '0')}B`
        const created = await service
          .api()
          .post('/api/v1/trn-requests')
          .send({ requestId: `property-${++request}`, person: { firstName: details.firstName, lastName: details.lastName, dateOfBirth: details.dateOfBirth, nationalInsuranceNumber } })
          .expect(201)
        fc.pre(created.body.status === 'completed')
        const query = { firstName: details.firstName, lastName: details.lastName, dateOfBirth: details.dateOfBirth, ...(byTrn ? { trn: created.body.trn } : { nationalInsuranceNumber }) }
        const response = await service.api().post('/api/v1/persons/match').send(query).expect(200)
        assert.equal(response.body.outcome, 'match', JSON.stringify({ query, response: response.body }))
        assert.equal(response.body.trn, created.body.trn)
      }),
      { numRuns: 20 },
    )
  })

  it('a stranger who shares only a date of birth with records is never matched to one of them', async () => {
    await fc.assert(
      fc.asyncProperty(letters, letters, async (firstName, lastName) => {
        const sharedDates = await service.database.db.selectFrom('persons').select('date_of_birth').limit(1).execute()
        fc.pre(sharedDates.length > 0 && sharedDates[0]?.date_of_birth !== null)
        const response = await service
          .api()
          .post('/api/v1/persons/match')
          .send({ firstName: `X${firstName}`, lastName: `Q${lastName}`, dateOfBirth: sharedDates[0]?.date_of_birth, nationalInsuranceNumber: 'QQ999999D' })
          .expect(200)
        assert.notEqual(response.body.outcome, 'match')
      }),
      { numRuns: 10 },
    )
  })
})
