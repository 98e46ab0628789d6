import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEnvelope, CHANGEABLE_FIELDS, changedFields, userPayload, type UserPayloadSource, type WebhookUser } from './messages.ts'

const row: UserPayloadSource = {
  sub: '3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f',
  email: 'kit.marlowe@example.com',
  given_name: 'Kit',
  middle_name: null,
  family_name: 'Marlowe',
  preferred_name: 'Kit Marlowe',
  birthdate: '1985-03-14',
  trn: '1234567',
  trn_lookup_status: 'Found',
  trn_verification_level: 'low',
}

/** For every field, a value other than the one `user` holds (null to a value, a value to another, a value to null). */
const otherValues: Record<(typeof CHANGEABLE_FIELDS)[number], Array<string | null>> = {
  emailAddress: ['kit.new@example.com', 'KIT.MARLOWE@example.com'],
  firstName: ['Christopher', null, ''],
  middleName: ['John', ''],
  lastName: ['Marlowe-Hart', null],
  preferredName: ['Kit M', null],
  dateOfBirth: ['1985-03-15', null],
  trn: ['7654321', null],
  mobileNumber: ['07700900123'],
  trnLookupStatus: ['Pending', 'None', 'Failed', null],
}

describe('userPayload', () => {
  it('gives the contract’s field names, with the date of birth as YYYY-MM-DD and no mobile number (we hold none)', () => {
    assert.deepEqual(userPayload(row), {
      userId: row.sub,
      emailAddress: 'kit.marlowe@example.com',
      firstName: 'Kit',
      middleName: null,
      lastName: 'Marlowe',
      preferredName: 'Kit Marlowe',
      dateOfBirth: '1985-03-14',
      trn: '1234567',
      mobileNumber: null,
      trnLookupStatus: 'Found',
    })
  })

  it('carries nothing else a user row holds (verification level, timestamps)', () => {
    const full = { ...row, email_verified: true, trn_verification_level: 'low' as const, created_at: new Date(), updated_at: new Date(), last_signed_in_at: null }
    assert.deepEqual(Object.keys(userPayload(full)).sort(), [...CHANGEABLE_FIELDS, 'userId'].sort())
  })

  it('shows a strict client’s subscription a TRN only once it is verified to the medium level, as its claims do', () => {
    assert.deepEqual([userPayload(row).trn, userPayload(row).trnLookupStatus], ['1234567', 'Found'])
    assert.deepEqual([userPayload(row, 'strict').trn, userPayload(row, 'strict').trnLookupStatus], [null, 'Pending'])
    const medium = { ...row, trn_verification_level: 'medium' as const }
    assert.deepEqual([userPayload(medium, 'strict').trn, userPayload(medium, 'strict').trnLookupStatus], ['1234567', 'Found'])
    const none = { ...row, trn: null, trn_lookup_status: 'None' as const, trn_verification_level: null }
    assert.deepEqual([userPayload(none, 'strict').trn, userPayload(none, 'strict').trnLookupStatus], [null, 'None'])
  })

  it('keeps a person without a lookup or names as nulls', () => {
    const bare = userPayload({ ...row, given_name: null, family_name: null, preferred_name: null, birthdate: null, trn: null, trn_lookup_status: null })
    assert.equal(bare.firstName, null)
    assert.equal(bare.trnLookupStatus, null)
    assert.equal(bare.trn, null)
  })
})

describe('changedFields', () => {
  const user = { ...userPayload(row), mobileNumber: '07700900000' }

  it('is empty when nothing changed', () => {
    assert.deepEqual(changedFields(user, { ...user }), {})
  })

  for (const field of CHANGEABLE_FIELDS) {
    it(`holds only ${field}, with its new value, when only ${field} changed`, () => {
      for (const value of otherValues[field]) {
        const after = { ...user, [field]: value } as WebhookUser
        assert.deepEqual(changedFields(user, after), { [field]: value }, `${field} → ${JSON.stringify(value)}`)
      }
    })
  }

  it('holds a value put where there was none, and a null where a value was removed', () => {
    const withoutTrn = { ...user, trn: null, trnLookupStatus: 'Pending' as const }
    assert.deepEqual(changedFields(withoutTrn, user), { trn: '1234567', trnLookupStatus: 'Found' })
    assert.deepEqual(changedFields(user, withoutTrn), { trn: null, trnLookupStatus: 'Pending' })
  })

  it('holds every pair of fields changed together, and nothing else', () => {
    for (const first of CHANGEABLE_FIELDS) {
      for (const second of CHANGEABLE_FIELDS) {
        if (first === second) continue
        const a = otherValues[first][0] as string | null
        const b = otherValues[second][0] as string | null
        const after = { ...user, [first]: a, [second]: b } as WebhookUser
        assert.deepEqual(changedFields(user, after), { [first]: a, [second]: b })
      }
    }
  })

  it('holds every field when all changed', () => {
    const after = Object.fromEntries([['userId', user.userId], ...CHANGEABLE_FIELDS.map((field) => [field, otherValues[field][0]])]) as WebhookUser
    const changes = changedFields(user, after)
    assert.deepEqual(Object.keys(changes).sort(), [...CHANGEABLE_FIELDS].sort())
    for (const field of CHANGEABLE_FIELDS) assert.equal(changes[field], otherValues[field][0])
  })

  it('treats a change of case or spacing as a change (the client decides what it means)', () => {
    assert.deepEqual(changedFields(user, { ...user, lastName: 'marlowe' }), { lastName: 'marlowe' })
    assert.deepEqual(changedFields(user, { ...user, firstName: 'Kit ' }), { firstName: 'Kit ' })
  })

  it('refuses to compare two different people', () => {
    assert.throws(() => changedFields(user, { ...user, userId: 'someone-else' }), /same user/)
  })
})

describe('buildEnvelope', () => {
  it('serialises the envelope once, in the contract’s order, with the time in UTC', () => {
    const { envelope, body } = buildEnvelope(
      'UserMerged',
      { masterUserId: 'a', mergedUserId: 'b' },
      { notificationId: '0b0e3f7c-1111-4222-8333-944445555666', time: new Date('2026-11-22T12:00:00+01:00') },
    )
    assert.equal(body, '{"notificationId":"0b0e3f7c-1111-4222-8333-944445555666","timeUtc":"2026-11-22T11:00:00.000Z","messageType":"UserMerged","message":{"masterUserId":"a","mergedUserId":"b"}}')
    assert.deepEqual(JSON.parse(body), envelope)
  })
})
