import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isInstitutionAddress } from './institution-address.ts'

describe('addresses that belong to an office, not a person', () => {
  it('knows the shared mailboxes of schools and offices, whatever their case or punctuation', () => {
    for (const email of ['head@school.example', 'Info@school.example', 'OFFICE@school.example', 'admin@trust.example', 'enquiries@school.example', 'bursar@school.example', 'hr@trust.example', 'school.office@school.example', 'head-teacher@school.example']) {
      assert.equal(isInstitutionAddress(email), true, email)
    }
  })

  it('takes a person’s address as theirs, even one that starts like a shared mailbox', () => {
    for (const email of ['sarah.thompson@school.example', 'head.of.maths@school.example', 'info.sarah@home.example', 'hradecky@home.example', 'office@', '@school.example', 'not-an-address']) {
      assert.equal(isInstitutionAddress(email), false, email)
    }
  })
})
