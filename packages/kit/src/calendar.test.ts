import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isRealDate } from './calendar.ts'
import { fixedClock, todayInEngland } from './clock.ts'

describe('isRealDate', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    for (const date of ['1986-04-12', '2024-02-29', '2000-02-29', '1999-12-31']) assert.equal(isRealDate(date), true, date)
  })
  it('refuses impossible dates and other formats', () => {
    for (const date of ['2023-02-29', '1900-02-29', '1986-02-31', '1986-04-31', '1986-13-01', '1986-00-10', '1986-01-00', '12/04/1986', '1986-4-12', '', ' 1986-04-12']) {
      assert.equal(isRealDate(date), false, date)
    }
  })
})

describe('todayInEngland', () => {
  it('uses the date in England, not UTC: 00:30 BST on 1 July is already 1 July', () => {
    assert.equal(todayInEngland(fixedClock('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(todayInEngland(fixedClock('2026-12-31T23:30:00Z')), '2026-12-31')
  })
})
