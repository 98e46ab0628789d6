import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkSencoStartDate, formatMonthYear } from './senco-start-date.ts'

describe('"When did you become a SENCO?"', () => {
  const today = '2026-06-01'

  it('takes a month and a year in the past, from 1960', () => {
    assert.deepEqual(checkSencoStartDate({ month: '9', year: '2021' }, today), { ok: true, value: '2021-09' })
    assert.deepEqual(checkSencoStartDate({ month: ' 06 ', year: '2026' }, today), { ok: true, value: '2026-06' })
    assert.deepEqual(checkSencoStartDate({ month: '1', year: '1960' }, today), { ok: true, value: '1960-01' })
  })

  it('says what is wrong, and with which part', () => {
    const cases: Array<[{ month?: string; year?: string }, string, 'month' | 'year']> = [
      [{}, 'Enter the date you became a SENCO', 'month'],
      [{ year: '2021' }, 'The date you became a SENCO must include a month', 'month'],
      [{ month: '9' }, 'The date you became a SENCO must include a year', 'year'],
      [{ month: '13', year: '2021' }, 'The date you became a SENCO must be a real date', 'month'],
      [{ month: 'Sept', year: '2021' }, 'The date you became a SENCO must be a real date', 'month'],
      [{ month: '9', year: '21' }, 'Year must include 4 numbers', 'year'],
      [{ month: '9', year: '1959' }, 'The date you became a SENCO must be in 1960 or later', 'year'],
      [{ month: '7', year: '2026' }, 'The date you became a SENCO must be in the past', 'month'],
    ]
    for (const [input, message, part] of cases) assert.deepEqual(checkSencoStartDate(input, today), { ok: false, message, part }, JSON.stringify(input))
  })

  it('is shown as a month and a year', () => {
    assert.equal(formatMonthYear('2021-09'), 'September 2021')
    assert.equal(formatMonthYear(undefined), '')
  })
})
