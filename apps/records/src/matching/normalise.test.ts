import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compactName, foldToAscii, nameTokens, normaliseName } from './normalise.ts'

describe('foldToAscii', () => {
  const cases: [string, string][] = [
    ['Zoë', 'Zoe'],
    ['José', 'Jose'],
    ['Søren', 'Soren'],
    ['Øystein', 'oystein'],
    ['Straße', 'Strasse'],
    ['Ælfred', 'aelfred'],
    ['Œuvre', 'oeuvre'],
    ['Łukasz', 'lukasz'],
    ['Đorđe', 'dorde'],
    ['Þórr', 'thorr'],
    ['Nuñez', 'Nunez'],
    ['Çelik', 'Celik'],
    ['ﬁnn', 'finn'],
    ['Smith', 'Smith'],
  ]
  for (const [raw, folded] of cases) {
    it(`${raw} → ${folded}`, () => assert.equal(foldToAscii(raw).toLowerCase(), folded.toLowerCase()))
  }
})

describe('nameTokens', () => {
  const cases: [string | null | undefined, string[]][] = [
    ['Smith', ['smith']],
    ['  SMITH  ', ['smith']],
    ['Smith-Jones', ['smith', 'jones']],
    ['Smith Jones', ['smith', 'jones']],
    ['Smith – Jones', ['smith', 'jones']],
    ['Smith—Jones', ['smith', 'jones']],
    ['Smith\u2011Jones', ['smith', 'jones']],
    ['Mary  Anne', ['mary', 'anne']],
    ["O'Brien", ['obrien']],
    ['O’Brien', ['obrien']],
    ['O‘Brien', ['obrien']],
    ['O`Brien', ['obrien']],
    ['O´Brien', ['obrien']],
    ['OBrien', ['obrien']],
    ['St. John', ['st', 'john']],
    ['J.R.', ['j', 'r']],
    ['Anne-Marie', ['anne', 'marie']],
    ['Renée Zoë', ['renee', 'zoe']],
    ['Иван', ['иван']],
    ['Smith2', ['smith']],
    ['', []],
    ['   ', []],
    ['-', []],
    [null, []],
    [undefined, []],
  ]
  for (const [raw, tokens] of cases) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(tokens)}`, () => assert.deepEqual(nameTokens(raw), tokens))
  }
})

describe('normaliseName and compactName', () => {
  it('joins parts with single spaces', () => assert.equal(normaliseName('  O’Brien-Smyth '), 'obrien smyth'))
  it('makes double-barrelled spellings identical when run together', () => {
    const spellings = ['Smith-Jones', 'Smith Jones', 'Smithjones', 'SMITH–JONES', 'smith  jones']
    assert.deepEqual(new Set(spellings.map(compactName)), new Set(['smithjones']))
  })
  it('makes apostrophe spellings identical', () => {
    assert.deepEqual(new Set(["O'Brien", 'O’Brien', 'OBrien', 'o brien'].map(compactName)), new Set(['obrien']))
  })
  it('does not make Mc and Mac the same', () => assert.notEqual(compactName('McDonald'), compactName('MacDonald')))
  it('is empty for a name without letters', () => assert.equal(compactName('—'), ''))
})
