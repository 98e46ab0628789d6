import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isTypo, optimalStringAlignmentDistance, typoAllowance } from './distance.ts'

describe('optimalStringAlignmentDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['smith', 'smith', 0],
    ['smith', 'smyth', 1],
    ['smith', 'smit', 1],
    ['smith', 'smithe', 1],
    ['smith', 'msith', 1],
    ['jonathan', 'jonathon', 1],
    ['kitten', 'sitting', 3],
    // Optimal string alignment never edits a swapped pair again, unlike unrestricted Damerau–Levenshtein (2).
    ['ca', 'abc', 3],
    ['catherine', 'katharine', 2],
  ]
  for (const [a, b, distance] of cases) {
    it(`${a || '""'} ↔ ${b || '""'} = ${distance}`, () => assert.equal(optimalStringAlignmentDistance(a, b), distance))
  }

  it('is symmetric, zero only for equal strings, and at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const distance = optimalStringAlignmentDistance(a, b)
        assert.equal(distance, optimalStringAlignmentDistance(b, a))
        assert.equal(distance === 0, a === b)
        assert.ok(distance <= Math.max(a.length, b.length))
        assert.ok(distance >= Math.abs(a.length - b.length))
      }),
      { numRuns: 200 },
    )
  })
})

describe('typo allowance (judged on the shorter name)', () => {
  const cases: [string, string, number][] = [
    ['lee', 'leigh', 0],
    ['ann', 'anne', 0],
    ['mark', 'mary', 1],
    ['jonathan', 'jonathon', 2],
    ['catherine', 'cath', 1],
  ]
  for (const [a, b, allowance] of cases) {
    it(`${a}/${b}: ${allowance}`, () => assert.equal(typoAllowance(a, b), allowance))
  }
})

describe('isTypo', () => {
  it('agrees with the full distance and the allowance', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 10 })
    fc.assert(
      fc.property(name, name, (a, b) => {
        const expected = a !== b && optimalStringAlignmentDistance(a, b) <= typoAllowance(a, b)
        assert.equal(isTypo(a, b), expected)
      }),
      { numRuns: 300 },
    )
  })

  const cases: [string, string, boolean][] = [
    ['smith', 'smyth', true],
    ['smith', 'smiht', true],
    ['mcdonald', 'macdonald', true],
    ['catherine', 'katharine', true],
    ['jonathan', 'jonothan', true],
    ['smith', 'smith', false],
    ['lee', 'lea', false],
    ['ann', 'anne', false],
    ['jones', 'james', false],
    ['smith', 'smythe', false],
    ['williams', 'wilkinson', false],
  ]
  for (const [a, b, typo] of cases) {
    it(`${a}/${b}: ${typo ? 'typo' : 'not a typo'}`, () => assert.equal(isTypo(a, b), typo))
  }
})
