import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TeachingRecordSummary } from '../teaching-records/records-client.ts'
import { accessFor, mayGoStraightOn } from './service-access.ts'

describe('who a service lets straight on', () => {
  const record = (hasOpenProhibition: boolean): TeachingRecordSummary => ({ trn: '1000004', firstName: 'Mark', middleName: null, lastName: 'Pemberton', dateOfBirth: '1975-06-30', hasOpenProhibition })
  /** A records service that answers `answer` and counts the questions. */
  const recordsAnswering = (answer: TeachingRecordSummary | null) => {
    const asked: string[] = []
    return { asked, getRecord: async (trn: string) => (asked.push(trn), answer) }
  }
  const found = { trn: '1000004', trn_lookup_status: 'Found' as const, trn_verification_level: 'medium' as const }
  const noTrn = { trn: null, trn_lookup_status: 'None' as const, trn_verification_level: null }
  const blocks = { trnRequired: false, blockProhibitedTeachers: true }
  const open = { trnRequired: false, blockProhibitedTeachers: false }
  const asksForTrn = { asksForTrn: true, matchPolicy: 'default' as const }

  it('asks the records service only for a service that blocks prohibited teachers, about someone with a TRN', async () => {
    const records = recordsAnswering(record(true))
    assert.equal(await mayGoStraightOn(records, open, asksForTrn, found), true)
    assert.equal(await mayGoStraightOn(records, blocks, asksForTrn, noTrn), true, 'no TRN, no record to be prohibited on')
    assert.deepEqual(records.asked, [])
    assert.equal(await mayGoStraightOn(records, blocks, asksForTrn, found), false)
    assert.deepEqual(records.asked, ['1000004'])
  })

  it('lets through someone whose record has no open prohibition, and nobody while the record cannot be checked', async () => {
    assert.equal(await mayGoStraightOn(recordsAnswering(record(false)), blocks, asksForTrn, found), true)
    assert.equal(await mayGoStraightOn(recordsAnswering(null), blocks, asksForTrn, found), false)
    assert.equal(await mayGoStraightOn(undefined, blocks, asksForTrn, found), false, 'no records service to ask is no answer')
    assert.equal(await accessFor(undefined, blocks, '1000004'), 'unknown')
  })

  it('stops someone without the TRN a service requires, without asking the records service', async () => {
    const records = recordsAnswering(record(false))
    assert.equal(await mayGoStraightOn(records, { trnRequired: true, blockProhibitedTeachers: true }, asksForTrn, noTrn), false)
    assert.equal(await mayGoStraightOn(records, { trnRequired: true, blockProhibitedTeachers: false }, { asksForTrn: false, matchPolicy: 'default' }, noTrn), true, 'unless it did not ask for the trn scope')
    assert.deepEqual(records.asked, [])
  })
})
