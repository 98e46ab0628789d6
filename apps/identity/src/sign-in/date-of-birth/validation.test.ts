import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readDateOfBirth } from './validation.ts'

const TODAY = '2026-11-22'
const read = (day: string, month: string, year: string) => readDateOfBirth({ day, month, year }, TODAY)

describe('reading a date of birth', () => {
  it('takes a real past date, with or without leading zeros, and month names', () => {
    assert.deepEqual(read('12', '4', '1986'), { ok: true, date: '1986-04-12' })
    assert.deepEqual(read('03', '11', '1979'), { ok: true, date: '1979-11-03' })
    assert.deepEqual(read('1', 'Dec', '1990'), { ok: true, date: '1990-12-01' })
    assert.deepEqual(read('29', 'february', '2000'), { ok: true, date: '2000-02-29' })
  })

  it('says which parts are missing', () => {
    assert.deepEqual(read('', '', ''), { ok: false, message: 'Enter your date of birth', parts: ['day', 'month', 'year'] })
    assert.deepEqual(read('12', '', '1986'), { ok: false, message: 'Date of birth must include a month', parts: ['month'] })
    assert.deepEqual(read('', '', '1986'), { ok: false, message: 'Date of birth must include a day and month', parts: ['day', 'month'] })
  })

  it('refuses dates that are not real, not in the past, or not in a sensible range', () => {
    assert.equal(read('31', '2', '1990').ok, false)
    assert.deepEqual(read('1', 'x', '1990'), { ok: false, message: 'Date of birth must be a real date', parts: ['month'] })
    assert.deepEqual(read('1', '1', '90'), { ok: false, message: 'Year must include 4 numbers', parts: ['year'] })
    assert.match(JSON.stringify(read('1', '1', '2030')), /must be in the past/)
    assert.match(JSON.stringify(read('22', '11', '2026')), /must be in the past/)
    assert.match(JSON.stringify(read('31', '12', '1899')), /1 January 1900/)
    assert.match(JSON.stringify(read('23', '11', '2010')), /at least 16 years ago/)
    assert.deepEqual(read('22', '11', '2010'), { ok: true, date: '2010-11-22' })
  })
})
