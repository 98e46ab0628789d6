import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { claimsFor, trnQuestionsFor } from './claims.ts'

const person = {
  sub: '5f0c6a52-3f0e-4a49-9d3c-3d2d7a1c0b11',
  email: 'liz@school.example',
  email_verified: true,
  given_name: 'Elizabeth',
  middle_name: 'Mary',
  family_name: "O'Connor",
  preferred_name: 'Liz',
  birthdate: '1970-05-22',
  trn: '1000009',
  trn_lookup_status: 'Found' as const,
  trn_verification_level: 'low' as const,
  merged_user_ids: [],
}

describe('claimsFor', () => {
  it('gives every claim we hold, with the full name built from its parts', () => {
    assert.deepEqual(claimsFor(person, 'default'), {
      sub: person.sub,
      email: 'liz@school.example',
      email_verified: true,
      name: "Elizabeth Mary O'Connor",
      given_name: 'Elizabeth',
      family_name: "O'Connor",
      preferred_name: 'Liz',
      birthdate: '1970-05-22',
      trn: '1000009',
      trn_lookup_status: 'Found',
    })
  })

  it('leaves out what we do not hold', () => {
    const claims = claimsFor({ ...person, middle_name: null, preferred_name: null, birthdate: null, trn: null, trn_lookup_status: null, trn_verification_level: null }, 'default')
    assert.equal(claims.name, "Elizabeth O'Connor")
    for (const absent of ['preferred_name', 'birthdate', 'trn', 'trn_lookup_status']) assert.ok(!(absent in claims), absent)
  })

  it('gives a strict client a TRN only once it is verified to the medium level; until then the lookup is Pending', () => {
    const low = claimsFor(person, 'strict')
    assert.equal(low.trn, undefined)
    assert.equal(low.trn_lookup_status, 'Pending')
    const medium = claimsFor({ ...person, trn_verification_level: 'medium' }, 'strict')
    assert.equal(medium.trn, '1000009')
    assert.equal(medium.trn_lookup_status, 'Found')
  })

  it('passes on a lookup status without a TRN as it is, whatever the policy', () => {
    for (const status of ['Pending', 'None', 'Failed'] as const) {
      const claims = claimsFor({ ...person, trn: null, trn_lookup_status: status, trn_verification_level: null }, 'strict')
      assert.equal(claims.trn_lookup_status, status)
      assert.equal(claims.trn, undefined)
    }
  })
})

describe('trnQuestionsFor', () => {
  const account = { given_name: 'Sarah', family_name: 'Thompson', birthdate: '1986-04-12', trn: null, trn_lookup_status: null, trn_verification_level: null }

  it('asks the record questions of an account never looked up, whatever the policy', () => {
    assert.equal(trnQuestionsFor(account, 'default'), 'record')
    assert.equal(trnQuestionsFor(account, 'strict'), 'record')
  })

  it('asks nothing of an account looked up before, whatever it found, nor of one without a name and date of birth to look up', () => {
    for (const status of ['None', 'Pending', 'Failed'] as const) assert.equal(trnQuestionsFor({ ...account, trn_lookup_status: status }, 'default'), null, status)
    assert.equal(trnQuestionsFor({ ...account, birthdate: null }, 'default'), null)
    assert.equal(trnQuestionsFor({ ...account, given_name: null }, 'default'), null)
  })

  it('asks a strict client’s person to verify a TRN found at the low level only; a default client needs nothing more', () => {
    const low = { ...account, trn: '1000001', trn_lookup_status: 'Found' as const, trn_verification_level: 'low' as const }
    assert.equal(trnQuestionsFor(low, 'strict'), 'verification')
    assert.equal(trnQuestionsFor({ ...low, trn_verification_level: null }, 'strict'), 'verification')
    assert.equal(trnQuestionsFor(low, 'default'), null)
    assert.equal(trnQuestionsFor({ ...low, trn_verification_level: 'medium' }, 'strict'), null)
  })
})
