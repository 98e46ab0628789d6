import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { NAME_FAMILIES, areNicknames, nicknamesOf } from './nicknames.ts'
import { nameTokens } from './normalise.ts'

const allNames = [...new Set(NAME_FAMILIES.flatMap((family) => family.split(' ')))]

describe('nickname table', () => {
  it('holds a few hundred families and several hundred names', () => {
    assert.ok(NAME_FAMILIES.length >= 250, `${NAME_FAMILIES.length} families`)
    assert.ok(allNames.length >= 600, `${allNames.length} names`)
  })

  it('stores every name normalised, once per family', () => {
    for (const family of NAME_FAMILIES) {
      const names = family.split(' ')
      assert.equal(new Set(names).size, names.length, family)
      for (const name of names) assert.deepEqual(nameTokens(name), [name], `${name} in "${family}"`)
    }
  })
})

describe('areNicknames', () => {
  const related: [string, string][] = [
    ['bob', 'robert'], ['rob', 'robert'], ['robbie', 'robert'], ['bert', 'robert'], ['bob', 'robbie'],
    ['bill', 'william'], ['will', 'william'], ['liam', 'william'],
    ['peggy', 'margaret'], ['maggie', 'margaret'],
    ['jim', 'james'], ['jimmy', 'james'], ['jamie', 'james'],
    ['alex', 'alexander'], ['sandy', 'alexander'], ['alex', 'alexandra'], ['sandy', 'alexandra'],
    ['kate', 'catherine'], ['katie', 'katherine'], ['cathy', 'catherine'], ['catherine', 'katherine'],
    ['beth', 'elizabeth'], ['liz', 'elizabeth'], ['lizzie', 'elizabeth'], ['betty', 'elizabeth'], ['eliza', 'elizabeth'],
    ['chris', 'christopher'], ['chris', 'christine'], ['chris', 'christina'],
    ['sam', 'samuel'], ['sam', 'samantha'],
    ['sally', 'sarah'], ['jack', 'john'], ['ted', 'edward'], ['harry', 'henry'], ['dai', 'david'],
    ['steven', 'stephen'], ['sean', 'shaun'], ['mohammed', 'muhammad'], ['segun', 'oluwasegun'], ['seun', 'oluwaseun'],
  ]
  for (const [nickname, name] of related) {
    it(`${nickname} ↔ ${name}`, () => {
      assert.equal(areNicknames(nickname, name), true)
      assert.equal(areNicknames(name, nickname), true)
    })
  }

  const unrelated: [string, string][] = [
    ['alan', 'albert'], ['robert', 'richard'], ['william', 'wilfred'], ['catherine', 'kathleen'],
    ['christopher', 'christine'], ['samuel', 'samantha'], ['margaret', 'megan'], ['john', 'jonathan'],
    ['bob', 'bob'], ['zebedee', 'zebedee'], ['sarah', 'susan'],
  ]
  for (const [a, b] of unrelated) {
    it(`${a} and ${b} are not nicknames of each other`, () => assert.equal(areNicknames(a, b), false))
  }

  it('is symmetric over the whole table', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allNames), fc.constantFrom(...allNames), (a, b) => {
        assert.equal(areNicknames(a, b), areNicknames(b, a))
      }),
      { numRuns: 200 },
    )
  })
})

describe('nicknamesOf', () => {
  it('widens a nickname to its full names and the other nicknames of them', () => {
    assert.ok(nicknamesOf('bob').includes('robert'))
    assert.ok(nicknamesOf('bob').includes('rob'))
    assert.ok(nicknamesOf('robert').includes('bob'))
    assert.ok(!nicknamesOf('bob').includes('bob'))
  })
  it('is empty for a name with no family', () => assert.deepEqual(nicknamesOf('zebedee'), []))
})
