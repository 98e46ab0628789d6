import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  givenNamePerMillion,
  givenNames,
  surnamePerMillion,
  surnames,
  UNLISTED_GIVEN_NAME_PER_MILLION,
  UNLISTED_SURNAME_PER_MILLION,
} from '../../../apps/records/src/matching/reference/name-frequencies.ts'
import { tailProfile } from './names.ts'

describe('name frequency tables', () => {
  it('hold a few hundred given names of both sexes and several hundred surnames', () => {
    assert.ok(givenNames.length >= 300, `${givenNames.length} given names`)
    assert.ok(surnames.length >= 400, `${surnames.length} surnames`)
    assert.ok(givenNames.filter((entry) => entry.sex === 'female').length >= 150)
    assert.ok(givenNames.filter((entry) => entry.sex === 'male').length >= 150)
  })

  it('store names normalised: lower-case ASCII letters only, no duplicates', () => {
    for (const entry of [...givenNames, ...surnames]) {
      assert.match(entry.name, /^[a-z]+$/, entry.name)
      assert.ok(entry.perMillion > 0, entry.name)
    }
    const givenKeys = givenNames.map((entry) => `${entry.name}/${entry.sex}`)
    assert.equal(new Set(givenKeys).size, givenKeys.length)
    const surnameKeys = surnames.map((entry) => entry.name)
    assert.equal(new Set(surnameKeys).size, surnameKeys.length)
  })

  it('have the shape of England and Wales: Smith about 1.2%, then Jones, Williams; community names present', () => {
    const sorted = [...surnames].sort((a, b) => b.perMillion - a.perMillion)
    assert.deepEqual(sorted.slice(0, 3).map((entry) => entry.name), ['smith', 'jones', 'williams'])
    assert.ok(surnamePerMillion('smith') >= 10_000 && surnamePerMillion('smith') <= 13_000)
    for (const name of ['khan', 'patel', 'ali', 'hussain', 'begum', 'singh', 'kaur', 'ahmed', 'nowak', 'kowalski', 'okafor', 'mensah', 'nguyen', 'obrien']) {
      assert.ok(surnames.some((entry) => entry.name === name), `${name} listed`)
    }
    for (const name of ['mohammed', 'agnieszka', 'oluwaseun', 'harpreet', 'priya', 'piotr']) {
      assert.ok(givenNames.some((entry) => entry.name === name), `${name} listed`)
    }
    const total = surnames.reduce((sum, entry) => sum + entry.perMillion, 0)
    assert.ok(total > 200_000 && total < 500_000, `listed surnames cover ${total} per million`)
  })

  it('sum a name listed for both sexes', () => {
    const harpreet = givenNames.filter((entry) => entry.name === 'harpreet').reduce((sum, entry) => sum + entry.perMillion, 0)
    assert.equal(givenNamePerMillion('harpreet'), harpreet)
    assert.ok(givenNames.filter((entry) => entry.name === 'harpreet').length === 2)
  })

  it('return the UNLISTED rates for names not in the tables', () => {
    assert.equal(surnamePerMillion('zzyzx'), UNLISTED_SURNAME_PER_MILLION)
    assert.equal(givenNamePerMillion('zzyzx'), UNLISTED_GIVEN_NAME_PER_MILLION)
  })

  it('rate unlisted names below common listed names but close to the modelled tail of rarer names', () => {
    const commonBritishSurnames = surnames.filter((entry) => (entry.origin ?? 'british') === 'british')
    assert.ok(commonBritishSurnames.every((entry) => entry.perMillion > UNLISTED_SURNAME_PER_MILLION))
    const surnameTail = tailProfile('surname')
    const givenTail = tailProfile('given')
    const ratio = (a: number, b: number): number => Math.max(a / b, b / a)
    assert.ok(ratio(surnameTail.geometricMeanPerMillion, UNLISTED_SURNAME_PER_MILLION) < 1.5, JSON.stringify(surnameTail))
    assert.ok(ratio(givenTail.geometricMeanPerMillion, UNLISTED_GIVEN_NAME_PER_MILLION) < 1.5, JSON.stringify(givenTail))
    // Most people's surnames are outside the table; most given names are inside it.
    assert.ok(surnameTail.unlistedShare > 0.55 && surnameTail.unlistedShare < 0.8)
    assert.ok(givenTail.unlistedShare > 0.2 && givenTail.unlistedShare < 0.45)
  })
})
