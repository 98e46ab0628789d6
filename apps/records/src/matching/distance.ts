// Typo tolerance for names: optimal string alignment (restricted Damerau–Levenshtein) distance.

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, no substring edited twice. */
export function optimalStringAlignmentDistance(a: string, b: string): number {
  return boundedDistance(a, b, Number.POSITIVE_INFINITY)
}

// Rows reused between calls: matching compares thousands of short names per request.
let twoBack = new Int32Array(32)
let previous = new Int32Array(32)
let current = new Int32Array(32)

/** The distance when it is at most `limit`, otherwise some number above `limit` (stops as soon as that is certain). */
function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const width = b.length + 1
  if (current.length < width) {
    twoBack = new Int32Array(width)
    previous = new Int32Array(width)
    current = new Int32Array(width)
  }
  for (let j = 0; j < width; j++) previous[j] = j
  let previousRowBest = 0
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowBest = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      // The transposition step looks two rows back.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, twoBack[j - 2]! + 1)
      current[j] = best
      if (best < rowBest) rowBest = best
    }
    // A cell comes from the row above or, by a transposition, from two rows above: once two rows in a row are
    // past the limit, every later row is too.
    if (rowBest > limit && previousRowBest > limit) return limit + 1
    previousRowBest = rowBest
    const oldest = twoBack
    twoBack = previous
    previous = current
    current = oldest
  }
  return previous[b.length]!
}

/** Edits forgiven between two names, judged on the shorter: none below 4 letters, 1 from 4, 2 from 8. */
export function typoAllowance(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length)
  if (shorter >= 8) return 2
  if (shorter >= 4) return 1
  return 0
}

/** True when two different names are within the typo allowance of each other. */
export function isTypo(a: string, b: string): boolean {
  if (a === b) return false
  const allowance = typoAllowance(a, b)
  if (allowance === 0 || Math.abs(a.length - b.length) > allowance) return false
  if (allowance === 1) return withinOneEdit(a, b)
  if (lettersDifferTooMuch(a, b, allowance)) return false
  return boundedDistance(a, b, allowance) <= allowance
}

/** One substitution, insertion, deletion or neighbour swap apart, for two different strings; a single pass. */
function withinOneEdit(a: string, b: string): boolean {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (tailsEqual(a, i + 1, b, i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && tailsEqual(a, i + 2, b, i + 2)
  }
  return a.length < b.length ? tailsEqual(a, i, b, i + 1) : tailsEqual(a, i + 1, b, i)
}

function tailsEqual(a: string, from: number, b: string, bFrom: number): boolean {
  if (a.length - from !== b.length - bFrom) return false
  for (let k = 0; from + k < a.length; k++) if (a[from + k] !== b[bFrom + k]) return false
  return true
}

const letterCounts = new Int32Array(128)

/** Cheap rejection: each edit changes the letter counts by at most 2, so counts apart by more than 2 × allowance
 * rule a typo out. Strings with characters outside ASCII are left to the full comparison. */
function lettersDifferTooMuch(a: string, b: string, allowance: number): boolean {
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) > 127) return false
  for (let i = 0; i < b.length; i++) if (b.charCodeAt(i) > 127) return false
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i)]!++
  for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i)]!--
  let apart = 0
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i)
    apart += Math.abs(letterCounts[code]!)
    letterCounts[code] = 0
  }
  for (let i = 0; i < b.length; i++) {
    const code = b.charCodeAt(i)
    apart += Math.abs(letterCounts[code]!)
    letterCounts[code] = 0
  }
  return apart > 2 * allowance
}

/** How two strings of the same layout differ as keystrokes: one character mistyped, or two neighbours swapped. */
export type KeystrokeSlip = { kind: 'same' } | { kind: 'one_character'; at: number } | { kind: 'neighbours_swapped' } | { kind: 'different' }

/**
 * Compares two strings position by position. `separator` is a character that does not count as a position
 * (the hyphens of a date), so the digits either side of it are still neighbours when swapped.
 */
export function keystrokeSlip(stated: string, held: string, separator?: string): KeystrokeSlip {
  if (stated === held) return { kind: 'same' }
  if (stated.length !== held.length) return { kind: 'different' }
  let first = -1
  let second = -1
  for (let i = 0; i < stated.length; i++) {
    if (stated[i] === held[i]) continue
    if (first === -1) first = i
    else if (second === -1) second = i
    else return { kind: 'different' }
  }
  if (second === -1) return { kind: 'one_character', at: first }
  const neighbours = second === first + 1 || (separator !== undefined && second === first + 2 && stated[first + 1] === separator)
  return neighbours && stated[first] === held[second] && stated[second] === held[first] ? { kind: 'neighbours_swapped' } : { kind: 'different' }
}
