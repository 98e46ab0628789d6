import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decideUserMerge, decideUserUpdate, type KnownUser, type MergeAccount, type MovableApplication } from './apply-message.ts'
import type { UserChanges, UserUpdatedMessage } from './messages.ts'

const LAST_HEARD = new Date('2026-11-20T10:00:00Z')
const LATER = new Date('2026-11-21T10:00:00Z')

const knownUser = (overrides: Partial<KnownUser> = {}): KnownUser => ({
  id: 'user-1',
  identity_updated_at: LAST_HEARD,
  email: 'ada@example.com',
  full_name: 'Ada Lovelace',
  preferred_name: null,
  date_of_birth: '1990-12-10',
  trn: '1234567',
  trn_lookup_status: 'Found',
  trn_verified: true,
  ...overrides,
})

const updated = (changes: UserChanges, user: Partial<UserUpdatedMessage['user']> = {}): UserUpdatedMessage => ({
  user: {
    userId: 'sub-1',
    emailAddress: 'ada@example.com',
    firstName: 'Ada',
    middleName: null,
    lastName: 'Lovelace',
    preferredName: null,
    dateOfBirth: '1990-12-10',
    trn: '1234567',
    trnLookupStatus: 'Found',
    ...changes,
    ...user,
  },
  changes,
})

describe('decideUserUpdate', () => {
  it('ignores someone who has never signed in here', () => {
    assert.deepEqual(decideUserUpdate(undefined, updated({ emailAddress: 'x@example.com' }), LATER), { apply: false, outcome: 'ignored_unknown_user' })
  })

  it('ignores a message older than what we last heard, and applies one from the same moment or later', () => {
    const change = updated({ emailAddress: 'new@example.com' })
    assert.deepEqual(decideUserUpdate(knownUser(), change, new Date(LAST_HEARD.getTime() - 1)), { apply: false, outcome: 'ignored_stale' })
    assert.equal(decideUserUpdate(knownUser(), change, LAST_HEARD).apply, true)
    assert.equal(decideUserUpdate(knownUser(), change, LATER).apply, true)
  })

  it('changes only the fields named in changes, and records what each was', () => {
    const decision = decideUserUpdate(knownUser(), updated({ emailAddress: 'new@example.com' }, { preferredName: 'Countess', dateOfBirth: '1815-12-10' }), LATER)
    assert.deepEqual(decision, {
      apply: true,
      outcome: 'updated',
      set: { email: 'new@example.com' },
      changes: { email: { from: 'ada@example.com', to: 'new@example.com' } },
      notApplied: [],
    })
  })

  it('builds the full name from the changed parts and the unchanged ones the message carries', () => {
    const decision = decideUserUpdate(knownUser(), updated({ middleName: 'Augusta', lastName: 'King' }), LATER)
    assert.ok(decision.apply)
    assert.deepEqual(decision.set, { full_name: 'Ada Augusta King' })
    assert.deepEqual(decision.changes.full_name, { from: 'Ada Lovelace', to: 'Ada Augusta King' })
  })

  it('drops a removed middle name, and never empties the name', () => {
    const withMiddle = knownUser({ full_name: 'Ada Augusta Lovelace' })
    const removed = decideUserUpdate(withMiddle, updated({ middleName: null }), LATER)
    assert.ok(removed.apply)
    assert.equal(removed.set.full_name, 'Ada Lovelace')

    const emptied = decideUserUpdate(knownUser(), updated({ firstName: null, lastName: ' ' }), LATER)
    assert.ok(emptied.apply)
    assert.equal(emptied.set.full_name, undefined)
    assert.deepEqual(emptied.notApplied, [{ field: 'full_name', reason: 'empty' }])
  })

  it('keeps our name when the parts together are longer than we can hold', () => {
    const long = 'a'.repeat(200)
    const decision = decideUserUpdate(knownUser(), updated({ firstName: long, middleName: long, lastName: long }), LATER)
    assert.ok(decision.apply)
    assert.equal(decision.set.full_name, undefined)
    assert.deepEqual(decision.notApplied, [{ field: 'full_name', reason: 'too_long' }])
  })

  it('clears a preferred name that was removed or left blank', () => {
    const user = knownUser({ preferred_name: 'Ada' })
    for (const preferredName of [null, '  ']) {
      const decision = decideUserUpdate(user, updated({ preferredName }), LATER)
      assert.ok(decision.apply)
      assert.deepEqual(decision.set, { preferred_name: null })
    }
  })

  it('verifies a TRN only when it is present and the lookup status is Found', () => {
    const pending = knownUser({ trn: null, trn_lookup_status: 'Pending', trn_verified: false })
    const cases: Array<[KnownUser, UserChanges, Partial<KnownUser>]> = [
      [pending, { trn: '7654321', trnLookupStatus: 'Found' }, { trn: '7654321', trn_lookup_status: 'Found', trn_verified: true }],
      [pending, { trnLookupStatus: 'Found' }, { trn_lookup_status: 'Found' }],
      [knownUser(), { trnLookupStatus: 'Failed' }, { trn_lookup_status: 'Failed', trn_verified: false }],
      [knownUser(), { trn: null }, { trn: null, trn_verified: false }],
      [knownUser(), { trn: '7654321' }, { trn: '7654321' }],
    ]
    for (const [user, changes, expected] of cases) {
      const decision = decideUserUpdate(user, updated(changes), LATER)
      assert.ok(decision.apply)
      assert.deepEqual(decision.set, expected, JSON.stringify(changes))
    }
  })

  it('keeps our lookup status when the message removes it, and says so', () => {
    const decision = decideUserUpdate(knownUser(), updated({ trnLookupStatus: null }), LATER)
    assert.ok(decision.apply)
    assert.deepEqual(decision.set, {})
    assert.deepEqual(decision.notApplied, [{ field: 'trn_lookup_status', reason: 'empty' }])
  })

  it('reports no change when the changed fields already hold the new values (or are ones we do not keep)', () => {
    const decision = decideUserUpdate(knownUser(), updated({ emailAddress: 'ada@example.com', dateOfBirth: '1990-12-10' }), LATER)
    assert.deepEqual(decision, { apply: true, outcome: 'no_change', set: {}, changes: {}, notApplied: [] })
  })
})

describe('decideUserMerge', () => {
  let nextId = 0
  const application = (course: string, status: MovableApplication['lead_provider_approval_status'] = 'pending', cohort = '2026'): MovableApplication => ({
    id: `application-${++nextId}`,
    course_identifier: course,
    cohort_identifier: cohort,
    lead_provider_approval_status: status,
  })
  const account = (id: string, overrides: Partial<MergeAccount> = {}): MergeAccount => ({ id, applications: [], draft: null, ...overrides })
  const draft = (updatedAt: string) => ({ version: 3, updated_at: new Date(updatedAt) })

  it('does nothing when the merged account has never signed in here', () => {
    assert.deepEqual(decideUserMerge(undefined, undefined), { kind: 'ignore', outcome: 'ignored_unknown_users' })
    assert.deepEqual(decideUserMerge(account('master'), undefined), { kind: 'ignore', outcome: 'ignored_merged_user_unknown' })
  })

  it('lets the merged account take the master’s sub when only it has signed in here', () => {
    assert.deepEqual(decideUserMerge(undefined, account('merged', { applications: [application('npq-headship')] })), { kind: 'adopt_sub', outcome: 'master_sub_adopted' })
  })

  it('does nothing when both ids lead to the same account here', () => {
    assert.deepEqual(decideUserMerge(account('same'), account('same')), { kind: 'ignore', outcome: 'ignored_same_account' })
  })

  it('moves every application except a pending one for a course and cohort the master has pending too', () => {
    const masters = [application('npq-headship'), application('npq-senior-leadership', 'rejected')]
    const clashing = application('npq-headship')
    const sameCourseOtherCohort = application('npq-headship', 'pending', '2027')
    const accepted = application('npq-headship', 'accepted')
    const notPendingForMaster = application('npq-senior-leadership')
    const decision = decideUserMerge(account('master', { applications: masters }), account('merged', { applications: [clashing, sameCourseOtherCohort, accepted, notPendingForMaster] }))
    assert.deepEqual(decision, {
      kind: 'merge',
      outcome: 'merged',
      moveApplicationIds: [sameCourseOtherCohort.id, accepted.id, notPendingForMaster.id],
      keepApplicationIds: [clashing.id],
      draft: 'none',
    })
  })

  it('moves the merged account’s draft when the master has none, and keeps the more recent of two', () => {
    const older = draft('2026-11-10T10:00:00Z')
    const newer = draft('2026-11-21T10:00:00Z')
    const plan = (master: MergeAccount['draft'], merged: MergeAccount['draft']) => {
      const decision = decideUserMerge(account('master', { draft: master }), account('merged', { draft: merged }))
      return decision.kind === 'merge' ? decision.draft : decision.kind
    }
    assert.equal(plan(null, older), 'move')
    assert.equal(plan(older, null), 'none')
    assert.equal(plan(older, newer), 'replace_master')
    assert.equal(plan(newer, older), 'keep_master')
    assert.equal(plan(older, older), 'keep_master', 'the master’s on a tie')
  })
})
