import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TrnLookupStatus } from '../../../database/schema.ts'
import { mergedValues, mergeQuestions, type MergingAccount } from './merge-rules.ts'

const account = (overrides: Partial<MergingAccount> = {}): MergingAccount => ({
  email: 'jo@school.example',
  trn: null,
  trn_lookup_status: null,
  trn_verification_level: null,
  ...overrides,
})
const found = (trn: string, level: 'low' | 'medium' = 'medium') => ({ trn, trn_lookup_status: 'Found' as const, trn_verification_level: level })

describe('mergeQuestions', () => {
  it('asks which email address only when they differ, whatever their case', () => {
    assert.equal(mergeQuestions(account(), account({ email: 'JO@School.Example' })).email, false)
    assert.equal(mergeQuestions(account(), account({ email: 'jo@home.example' })).email, true)
  })

  it('asks which TRN only when both accounts have one and they differ', () => {
    assert.equal(mergeQuestions(account(), account()).trn, false)
    assert.equal(mergeQuestions(account(found('1000001')), account()).trn, false)
    assert.equal(mergeQuestions(account(), account(found('1000001'))).trn, false)
    assert.equal(mergeQuestions(account(found('1000001')), account(found('1000002'))).trn, true)
  })
})

describe('mergedValues', () => {
  it('refuses to decide for the agent: an unanswered question is reported', () => {
    const kept = account(found('1000001'))
    const merged = account({ email: 'jo@home.example', ...found('1000002') })
    assert.deepEqual(mergedValues(kept, merged, {}), { ok: false, missing: 'email' })
    assert.deepEqual(mergedValues(kept, merged, { email: 'kept' }), { ok: false, missing: 'trn' })
    assert.equal(mergedValues(kept, merged, { email: 'kept', trn: 'kept' }).ok, true)
  })

  it('keeps the chosen email address, and the kept one when there was nothing to choose', () => {
    const kept = account({ email: 'jo@school.example' })
    assert.equal(value(mergedValues(kept, account({ email: 'jo@home.example' }), { email: 'merged' })).email, 'jo@home.example')
    assert.equal(value(mergedValues(kept, account({ email: 'jo@home.example' }), { email: 'kept' })).email, 'jo@school.example')
    assert.equal(value(mergedValues(kept, account({ email: 'JO@school.example' }), { email: 'merged' })).email, 'jo@school.example')
  })

  it('brings a TRN across with its status and level from whichever account has it', () => {
    const withTrn = account(found('1000001', 'low'))
    const pending = account({ trn_lookup_status: 'Pending' })
    assert.deepEqual(value(mergedValues(pending, withTrn, {})), { email: 'jo@school.example', ...found('1000001', 'low') })
    assert.deepEqual(value(mergedValues(withTrn, pending, {})), { email: 'jo@school.example', ...found('1000001', 'low') })
  })

  it('keeps the chosen TRN when both have one', () => {
    const kept = account(found('1000001', 'medium'))
    const merged = account(found('1000002', 'low'))
    assert.deepEqual(value(mergedValues(kept, merged, { trn: 'merged' })), { email: 'jo@school.example', ...found('1000002', 'low') })
    assert.deepEqual(value(mergedValues(kept, merged, { trn: 'kept' })), { email: 'jo@school.example', ...found('1000001', 'medium') })
  })

  it('without a TRN on either, keeps the status that still needs the most: Pending, then Failed, then None, then none asked', () => {
    const order: Array<TrnLookupStatus | null> = [null, 'None', 'Failed', 'Pending']
    for (const [i, keptStatus] of order.entries()) {
      for (const [j, mergedStatus] of order.entries()) {
        const result = value(mergedValues(account({ trn_lookup_status: keptStatus }), account({ trn_lookup_status: mergedStatus }), {}))
        assert.equal(result.trn_lookup_status, order[Math.max(i, j)], `${keptStatus} kept, ${mergedStatus} merged`)
        assert.equal(result.trn, null)
        assert.equal(result.trn_verification_level, null)
      }
    }
  })
})

function value(result: ReturnType<typeof mergedValues>) {
  assert.ok(result.ok, 'a merge that needs no more answers')
  return result.values
}
