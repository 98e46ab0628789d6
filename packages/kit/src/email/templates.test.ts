import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PermanentJobFailure } from '../outbox/worker.ts'
import { fillPlaceholders, renderEmail } from './templates.ts'

describe('email templates written as in GOV.UK Notify', () => {
  it('fills ((placeholders)), matching names regardless of case, spaces, hyphens and underscores', () => {
    assert.equal(fillPlaceholders('Dear ((First name)), your code is (( code )).', { first_name: 'Ada', code: 123456 }), 'Dear Ada, your code is 123456.')
  })

  it('shows a list as bullet points and optional text only when its value is yes', () => {
    const text = fillPlaceholders('Courses:((courses))((late??You registered late.))', { courses: ['NPQH', 'NPQSL'], late: 'no' })
    assert.equal(text, 'Courses:\n* NPQH\n* NPQSL\n')
    assert.equal(fillPlaceholders('((late??You registered late.))', { late: 'yes' }), 'You registered late.')
  })

  it('refuses, for good, to send an email missing a value, as Notify would', () => {
    assert.throws(() => fillPlaceholders('Your code is ((code)) for ((service))', {}), (error: unknown) => {
      assert.ok(error instanceof PermanentJobFailure)
      assert.equal(error.message, 'Missing personalisation: code, service')
      return true
    })
    assert.throws(() => renderEmail({}, 'sign-in-code', {}), PermanentJobFailure)
  })
})
