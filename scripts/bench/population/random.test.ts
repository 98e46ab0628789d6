import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AliasTable, createRandom } from './random.ts'

describe('random', () => {
  it('repeats a stream for the same seed and stream name, and differs otherwise', () => {
    const draw = (seed: number | string, stream: string): number[] => {
      const random = createRandom(seed, stream)
      return Array.from({ length: 8 }, () => random.nextUint32())
    }
    assert.deepEqual(draw(42, 'a'), draw(42, 'a'))
    assert.notDeepEqual(draw(42, 'a'), draw(42, 'b'))
    assert.notDeepEqual(draw(42, 'a'), draw(43, 'a'))
    assert.notDeepEqual(draw(42, 'a'), draw('42', 'a'))
  })

  it('gives uniform values in range', () => {
    const random = createRandom(1)
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const value = random.next()
      assert.ok(value >= 0 && value < 1)
      buckets[Math.floor(value * 10)]!++
    }
    for (const bucket of buckets) assert.ok(Math.abs(bucket - 10_000) < 500, `bucket ${bucket}`)
    for (let i = 0; i < 1000; i++) {
      const value = random.between(3, 5)
      assert.ok(value >= 3 && value <= 5 && Number.isInteger(value))
    }
  })

  it('samples an alias table in proportion to its weights and never draws a zero weight', () => {
    const random = createRandom(2)
    const table = new AliasTable([1, 0, 3, 6])
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[table.sample(random)]!++
    assert.equal(counts[1], 0)
    assert.ok(Math.abs(counts[0]! / 100_000 - 0.1) < 0.01)
    assert.ok(Math.abs(counts[2]! / 100_000 - 0.3) < 0.01)
    assert.ok(Math.abs(counts[3]! / 100_000 - 0.6) < 0.01)
  })
})
