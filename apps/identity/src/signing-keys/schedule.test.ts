import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PrivateJwk } from './keys.ts'
import { expiredKeys, keySetAt, RETIRED_KEY_RETENTION_MS, type ScheduledKey } from './schedule.ts'

const DAY = 24 * 60 * 60 * 1000
const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * DAY)
const key = (kid: string, activatesOnDay: number): ScheduledKey => ({ jwk: { kid, kty: 'RSA' } as PrivateJwk, activatesAt: at(activatesOnDay) })
const kids = (set: ReturnType<typeof keySetAt>) => set?.keys.map((jwk) => jwk.kid)

describe('keySetAt', () => {
  it('signs with the newest active key and publishes it first', () => {
    const set = keySetAt([key('a', 0), key('b', 10)], at(11))
    assert.equal(set?.signingKid, 'b')
    assert.equal(kids(set)?.[0], 'b')
  })

  it('publishes a key before it signs, so caches learn it in time', () => {
    const set = keySetAt([key('a', 0), key('b', 10)], at(9))
    assert.equal(set?.signingKid, 'a')
    assert.deepEqual(kids(set), ['a', 'b'])
  })

  it('keeps a replaced key published for the retention period, then drops it', () => {
    const keys = [key('a', 0), key('b', 10)]
    assert.deepEqual(kids(keySetAt(keys, new Date(at(10).getTime() + RETIRED_KEY_RETENTION_MS - 1))), ['b', 'a'])
    assert.deepEqual(kids(keySetAt(keys, new Date(at(10).getTime() + RETIRED_KEY_RETENTION_MS))), ['b'])
  })

  it('orders several keys: signing, upcoming, then retired newest first', () => {
    const keys = [key('c', 20), key('a', 0), key('d', 30), key('b', 19)]
    assert.deepEqual(kids(keySetAt(keys, at(21))), ['c', 'd', 'b', 'a'])
    assert.deepEqual(kids(keySetAt(keys, at(26.5))), ['c', 'd', 'b'], 'a was replaced by b more than the retention period ago')
  })

  it('signs with the earliest key if none is active yet (a clock set back), and has nothing without keys', () => {
    assert.equal(keySetAt([key('b', 10), key('a', 5)], at(0))?.signingKid, 'a')
    assert.equal(keySetAt([], at(0)), undefined)
  })
})

describe('expiredKeys', () => {
  it('names the keys replaced longer ago than the retention period, never the signing or upcoming ones', () => {
    const keys = [key('a', 0), key('b', 10), key('c', 100)]
    assert.deepEqual(expiredKeys(keys, at(10)), [])
    assert.deepEqual(expiredKeys(keys, new Date(at(10).getTime() + RETIRED_KEY_RETENTION_MS)), ['a'])
    assert.deepEqual(expiredKeys(keys, at(99)), ['a'])
  })
})
