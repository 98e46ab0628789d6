import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  compareReferenceNumbers,
  isValidNationalInsuranceNumber,
  isValidTrn,
  normaliseNationalInsuranceNumber,
  normaliseTrn,
} from './identifiers.ts'

describe('normaliseNationalInsuranceNumber', () => {
  const cases: [string, string][] = [
    ['AB123456C', 'AB123456C'],
    ['ab 12 34 56 c', 'AB123456C'],
    ['AB-12-34-56-C', 'AB123456C'],
    [' ab123456c\t', 'AB123456C'],
    ['12a34567', '12A34567'],
  ]
  for (const [raw, normalised] of cases) it(`${JSON.stringify(raw)} → ${normalised}`, () => assert.equal(normaliseNationalInsuranceNumber(raw), normalised))
})

describe('isValidNationalInsuranceNumber', () => {
  const valid = [
    'AB123456C', 'AB123456A', 'AB123456D', 'JK482615B', 'QQ123456C', 'AB123456F', 'AB123456M', 'AB123456U',
    'ZA123456C', 'OA123456C', 'ab 12 34 56 c', '12A34567',
  ]
  for (const nino of valid) it(`accepts ${nino}`, () => assert.equal(isValidNationalInsuranceNumber(nino), true))

  const invalid: [string, string][] = [
    ['DA123456C', 'first letter D'],
    ['FA123456C', 'first letter F'],
    ['IA123456C', 'first letter I'],
    ['UA123456C', 'first letter U'],
    ['VA123456C', 'first letter V'],
    ['AD123456C', 'second letter D'],
    ['AO123456C', 'second letter O'],
    ['AV123456C', 'second letter V'],
    ['BG123456C', 'prefix BG'],
    ['GB123456C', 'prefix GB'],
    ['KN123456C', 'prefix KN'],
    ['NK123456C', 'prefix NK'],
    ['NT123456C', 'prefix NT'],
    ['TN123456C', 'prefix TN'],
    ['ZZ123456C', 'prefix ZZ'],
    ['AB123456E', 'suffix E'],
    ['AB123456', 'no suffix'],
    ['AB12345C', 'five digits'],
    ['AB1234567C', 'seven digits'],
    ['1A234567', 'one leading digit'],
    ['', 'empty'],
  ]
  for (const [nino, why] of invalid) it(`rejects ${nino || '""'} (${why})`, () => assert.equal(isValidNationalInsuranceNumber(nino), false))
})

describe('TRN', () => {
  const normalised: [string, string][] = [
    ['1234567', '1234567'],
    ['123 4567', '1234567'],
    ['123-4567', '1234567'],
    [' 0012345 ', '0012345'],
  ]
  for (const [raw, trn] of normalised) it(`normalises ${JSON.stringify(raw)} → ${trn}`, () => assert.equal(normaliseTrn(raw), trn))

  const validity: [string, boolean, string][] = [
    ['1234567', true, 'seven digits'],
    ['0012345', true, 'leading zeros are part of the number'],
    ['123 45-67', true, 'spaces and hyphens forgiven'],
    ['123456', false, 'six digits: a dropped leading zero is not guessed'],
    ['12345678', false, 'eight digits'],
    ['A123456', false, 'a letter'],
    ['RP1234567', false, 'a prefix'],
    ['', false, 'empty'],
  ]
  for (const [trn, valid, why] of validity) it(`${JSON.stringify(trn)} is ${valid ? 'valid' : 'invalid'}: ${why}`, () => assert.equal(isValidTrn(trn), valid))
})

describe('compareReferenceNumbers', () => {
  const cases: [string, string, string][] = [
    ['1234567', '1234567', 'exact'],
    ['1234567', '1234577', 'one_digit'],
    ['1234567', '1234576', 'transposed'],
    ['1234567', '2134567', 'transposed'],
    ['1234567', '1243576', 'different'],
    ['1234567', '7654321', 'different'],
    ['1234567', '123456', 'different'],
    ['AB123456C', 'AB123457C', 'one_digit'],
    ['AB123456C', 'AB123456D', 'one_letter'],
    ['AB123456C', 'AC123456C', 'one_letter'],
    ['AB123456C', 'AB124356C', 'transposed'],
    ['AB123456C', 'AB123465D', 'different'],
    ['AB123456C', 'CD654321A', 'different'],
  ]
  for (const [stated, held, level] of cases) it(`${stated} vs ${held}: ${level}`, () => assert.equal(compareReferenceNumbers(stated, held), level))
})
