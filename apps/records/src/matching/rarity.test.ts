import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  MAX_EXPECTED_COINCIDENCES,
  MIDDLE_NAME_MAX_CREDIT,
  PEOPLE_PER_NAMESAKE_ON_RECORD,
  expectedCoincidences,
  expectedNameHolders,
} from './rarity.ts'

// The frequency tables are being filled in by someone else: only names sure to stay common (David Smith,
// Sarah Jones) or sure never to be listed (invented ones) are used here.
const common = { givenNames: ['david'], surnames: ['smith'] }
const rare = { givenNames: ['zebedee'], surnames: ['quillfeather'] }

describe('rarity of a name and date of birth', () => {
  it('a common name shares its birthday with someone far too often', () => {
    assert.ok(expectedCoincidences(expectedNameHolders(common, 0)) > MAX_EXPECTED_COINCIDENCES)
    assert.ok(expectedCoincidences(expectedNameHolders({ givenNames: ['sarah'], surnames: ['jones'] }, 0)) > MAX_EXPECTED_COINCIDENCES)
  })

  it('an invented name is rare enough', () => {
    assert.ok(expectedCoincidences(expectedNameHolders(rare, 0)) < MAX_EXPECTED_COINCIDENCES)
  })

  it('each namesake on the record stands for people in England, so one namesake is enough to refuse', () => {
    assert.equal(expectedNameHolders(rare, 3), 3 * PEOPLE_PER_NAMESAKE_ON_RECORD)
    assert.ok(expectedCoincidences(expectedNameHolders(rare, 1)) > MAX_EXPECTED_COINCIDENCES)
  })

  it('a nickname counts the people with either form of the name', () => {
    const both = expectedNameHolders({ givenNames: ['zebedee', 'david'], surnames: ['smith'] }, 0)
    assert.ok(both > expectedNameHolders({ givenNames: ['david'], surnames: ['smith'] }, 0))
  })

  it('uses the most common of the surnames stated', () => {
    assert.equal(expectedNameHolders({ givenNames: ['david'], surnames: ['quillfeather', 'smith'] }, 0), expectedNameHolders(common, 0))
  })

  it('a middle name that agrees divides the estimate, by at most 20', () => {
    const holders = expectedNameHolders(common, 0)
    const withMiddle = expectedCoincidences(holders, 'ezekiel')
    assert.ok(Math.abs(withMiddle - expectedCoincidences(holders) / MIDDLE_NAME_MAX_CREDIT) < 1e-12)
  })
})
