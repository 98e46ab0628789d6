import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TrnLookupStatus, TrnVerificationLevel } from '../database/schema.ts'
import { trnMissingFor, type Access } from '../users/service-access.ts'
import { nothingToTell } from './finish.ts'

// Whether a returning person goes straight back to the service after their code, or sees the completion page.
describe('nothing to tell a returning person', () => {
  type Account = { trn: string | null; trn_lookup_status: TrnLookupStatus | null; trn_verification_level: TrnVerificationLevel | null }
  const found: Account = { trn: '1000001', trn_lookup_status: 'Found', trn_verification_level: 'medium' }
  const foundLow: Account = { trn: '1000001', trn_lookup_status: 'Found', trn_verification_level: 'low' }
  const without = (status: TrnLookupStatus | null): Account => ({ trn: null, trn_lookup_status: status, trn_verification_level: null })

  const optional = { trnRequired: false }
  const required = { trnRequired: true }
  const asksForTrn = { asksForTrn: true, matchPolicy: 'default' as const }
  const strict = { asksForTrn: true, matchPolicy: 'strict' as const }
  const noTrnScope = { asksForTrn: false, matchPolicy: 'default' as const }

  it('sends back someone the service may have, with a record found, none, or one that failed', () => {
    for (const account of [found, without('None'), without('Failed'), without(null)]) {
      assert.equal(nothingToTell(optional, asksForTrn, account, 'allowed'), true, JSON.stringify(account))
    }
    assert.equal(nothingToTell(required, asksForTrn, found, 'allowed'), true)
    assert.equal(nothingToTell(required, strict, found, 'allowed'), true, 'a strict service trusts a TRN verified to medium')
  })

  it('shows the page to someone a service may not have, or cannot yet say', () => {
    for (const access of ['blocked', 'unknown'] satisfies Access[]) assert.equal(nothingToTell(optional, asksForTrn, found, access), false, access)
  })

  it('shows the page when the service needs a TRN the person has not got, as that service may see it', () => {
    for (const status of ['None', 'Failed', 'Pending', null] as const) assert.equal(nothingToTell(required, asksForTrn, without(status), 'allowed'), false, String(status))
    assert.equal(nothingToTell(required, strict, foundLow, 'allowed'), false, 'a TRN verified only to low is missing for a strict service')
    assert.equal(trnMissingFor(required, strict, foundLow), true)
    assert.equal(trnMissingFor(required, asksForTrn, foundLow), false)
  })

  it('shows the page while someone is still checking their details, to a service asking for the TRN', () => {
    assert.equal(nothingToTell(optional, asksForTrn, without('Pending'), 'allowed'), false)
    assert.equal(nothingToTell(optional, noTrnScope, without('Pending'), 'allowed'), true, 'a service not asking for the record has nothing to say about it')
    assert.equal(nothingToTell(required, noTrnScope, without('None'), 'allowed'), true, 'nor does one that did not ask for the trn scope')
  })
})
