import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkCode, CODE_LIFETIME_MS, hashCode, MAX_WRONG_ATTEMPTS, newCode, readCode, type IssuedCode } from './code-rules.ts'

const SECRET = 'test-secret'
const issuedAt = new Date('2026-11-22T10:00:00Z')
const issued = (overrides: Partial<IssuedCode> = {}): IssuedCode => ({
  codeHash: hashCode('123456', SECRET),
  expiresAt: new Date(issuedAt.getTime() + CODE_LIFETIME_MS),
  wrongAttempts: 0,
  usedAt: null,
  ...overrides,
})
const minutesAfterIssue = (minutes: number) => new Date(issuedAt.getTime() + minutes * 60_000)

describe('reading a typed code', () => {
  it('forgives spaces and hyphens, nothing else', () => {
    assert.deepEqual(readCode(' 123 456 '), { ok: true, code: '123456' })
    assert.deepEqual(readCode('123-456'), { ok: true, code: '123456' })
    assert.deepEqual(readCode(''), { ok: false, error: 'missing' })
    assert.deepEqual(readCode(undefined), { ok: false, error: 'missing' })
    assert.deepEqual(readCode('12345a'), { ok: false, error: 'not_digits' })
    assert.deepEqual(readCode('12345'), { ok: false, error: 'too_short' })
    assert.deepEqual(readCode('1234567'), { ok: false, error: 'too_long' })
  })
})

describe('new codes', () => {
  it('are six digits, keeping leading zeros', () => {
    assert.equal(newCode(() => 42), '000042')
    assert.match(newCode(), /^\d{6}$/)
  })
})

describe('checking a code', () => {
  it('accepts the right code within 15 minutes', () => {
    assert.deepEqual(checkCode(issued(), '123456', SECRET, minutesAfterIssue(14)), { outcome: 'accepted' })
  })

  it('refuses a wrong code and counts down the attempts left', () => {
    assert.deepEqual(checkCode(issued(), '654321', SECRET, minutesAfterIssue(1)), { outcome: 'wrong', attemptsLeft: 4 })
    assert.deepEqual(checkCode(issued({ wrongAttempts: 3 }), '654321', SECRET, minutesAfterIssue(1)), { outcome: 'wrong', attemptsLeft: 1 })
  })

  it('stops working after five wrong tries, even for the right code', () => {
    assert.deepEqual(checkCode(issued({ wrongAttempts: MAX_WRONG_ATTEMPTS - 1 }), '654321', SECRET, minutesAfterIssue(1)), { outcome: 'too_many_wrong' })
    assert.deepEqual(checkCode(issued({ wrongAttempts: MAX_WRONG_ATTEMPTS }), '123456', SECRET, minutesAfterIssue(1)), { outcome: 'too_many_wrong' })
  })

  it('is single use', () => {
    assert.deepEqual(checkCode(issued({ usedAt: minutesAfterIssue(2) }), '123456', SECRET, minutesAfterIssue(3)), { outcome: 'used' })
  })

  it('expires after 15 minutes, sending a new one if typed soon after', () => {
    assert.deepEqual(checkCode(issued(), '123456', SECRET, minutesAfterIssue(15)), { outcome: 'expired', sendNewCode: true })
    assert.deepEqual(checkCode(issued(), '123456', SECRET, minutesAfterIssue(15 + 119)), { outcome: 'expired', sendNewCode: true })
    assert.deepEqual(checkCode(issued(), '123456', SECRET, minutesAfterIssue(15 + 121)), { outcome: 'expired', sendNewCode: false })
  })

  it('says so when no code was sent to the address', () => {
    assert.deepEqual(checkCode(undefined, '123456', SECRET, minutesAfterIssue(1)), { outcome: 'no_code' })
  })

  it('depends on the server secret', () => {
    assert.equal(checkCode(issued(), '123456', 'another-secret', minutesAfterIssue(1)).outcome, 'wrong')
  })
})
