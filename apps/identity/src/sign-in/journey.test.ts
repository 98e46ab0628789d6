import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canOpen, currentStep, previousStep, walk } from '../../../../packages/kit/src/journeys/step-graph.ts'
import { lookupAnsweredAfter, signInJourney, trnLookupStatus, type SignInState } from './journey.ts'

const base = (overrides: Partial<SignInState> = {}): SignInState => ({ answers: {}, asksForTrn: true, matchPolicy: 'default', ...overrides })
const registered = { email: 'ada@example.com', emailVerified: true, firstName: 'Ada', middleName: null, lastName: 'Lovelace', preferredName: null, dateOfBirth: '1990-12-10' }

describe('the sign-in journey', () => {
  it('signs in a known email straight after the code', () => {
    const state = base({ answers: { email: 'ada@example.com', emailVerified: true }, existingUserId: 'user-1' })
    assert.deepEqual(walk(signInJourney, state), ['email', 'email-code', 'complete'])
  })

  it('asks only the record questions of a known email whose record was never looked up, name and date of birth being known', () => {
    const finding = base({ answers: registered, existingUserId: 'user-1', findingAccountRecord: true })
    assert.equal(currentStep(signInJourney, finding), 'has-ni-number')
    assert.equal(canOpen(signInJourney, 'name', finding), false, 'the account’s details are not asked again')
    const answered = { ...finding, answers: { ...registered, hasNationalInsuranceNumber: false, hasTrn: false, hasQts: false }, lookup: { outcome: 'none' as const } }
    assert.deepEqual(walk(signInJourney, answered), ['email', 'email-code', 'has-ni-number', 'has-trn', 'has-qts', 'check-answers'])
    const foundAtOnce = { ...finding, lookup: { outcome: 'match' as const, trn: '1000001', after: 'date-of-birth' as const } }
    assert.deepEqual(walk(signInJourney, foundAtOnce), ['email', 'email-code', 'check-answers'])
    assert.equal(currentStep(signInJourney, { ...answered, signedInUserId: 'user-1' }), 'complete')
  })

  it('asks a known email whose TRN a strict service cannot trust yet for the NI number and TRN, with nothing to skip', () => {
    const known = { email: 'ada@example.com', emailVerified: true }
    const elevating = base({ matchPolicy: 'strict', answers: known, existingUserId: 'user-1', elevating: true })
    assert.equal(currentStep(signInJourney, elevating), 'elevate/landing')
    assert.equal(canOpen(signInJourney, 'elevate/ni-number', elevating), false)
    const answered = { ...elevating, elevationStarted: true, answers: { ...known, hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ123456C', hasTrn: true, trn: '1000001' } }
    assert.deepEqual(walk(signInJourney, answered), ['email', 'email-code', 'elevate/landing', 'elevate/ni-number', 'elevate/trn', 'elevate/check-answers'])
    assert.equal(previousStep(signInJourney, 'elevate/trn', answered), 'elevate/ni-number')
    assert.equal(currentStep(signInJourney, { ...answered, signedInUserId: 'user-1', elevation: 'not_verified' }), 'complete', 'the journey ends either way')
  })

  it('asks someone registering with a shared mailbox which address to use, and nobody signing in to one', () => {
    const shared = base({ asksForTrn: false, answers: { email: 'office@school.example', emailVerified: true } })
    assert.equal(currentStep(signInJourney, shared), 'institution-email')
    assert.equal(canOpen(signInJourney, 'name', shared), false)
    assert.equal(currentStep(signInJourney, { ...shared, institutionAddressKept: true }), 'name')
    assert.deepEqual(walk(signInJourney, { ...shared, existingUserId: 'user-1' }), ['email', 'email-code', 'complete'])
  })

  it('registers an unknown email, asking only name, preferred name and date of birth when no TRN is wanted', () => {
    const state = base({ asksForTrn: false, answers: registered })
    assert.deepEqual(walk(signInJourney, state), ['email', 'email-code', 'name', 'preferred-name', 'date-of-birth', 'check-answers'])
  })

  it('skips the remaining record questions as soon as the matcher finds the record', () => {
    const afterDateOfBirth = base({ answers: registered, lookup: { outcome: 'match', trn: '1000001', after: 'date-of-birth' } })
    assert.equal(currentStep(signInJourney, afterDateOfBirth), 'check-answers')
    const afterNino = base({ answers: { ...registered, hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ123456C' }, lookup: { outcome: 'match', trn: '1000001', after: 'ni-number' } })
    assert.deepEqual(walk(signInJourney, afterNino).slice(-3), ['has-ni-number', 'ni-number', 'check-answers'])
  })

  it('asks every record question when nothing matches, QTS and provider last', () => {
    const state = base({ answers: { ...registered, hasNationalInsuranceNumber: false, hasTrn: true, trn: null, hasQts: true, ittProvider: 'University of Leeds' }, lookup: { outcome: 'none' } })
    assert.deepEqual(walk(signInJourney, state).slice(4), ['date-of-birth', 'has-ni-number', 'has-trn', 'trn', 'has-qts', 'itt-provider', 'check-answers'])
  })

  it('does not ask about QTS for a strict client', () => {
    const state = base({ matchPolicy: 'strict', answers: { ...registered, hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ123456C', hasTrn: false }, lookup: { outcome: 'none' } })
    assert.equal(currentStep(signInJourney, state), 'check-answers')
  })

  it('cannot be skipped by typing a later URL, and Back follows the path taken', () => {
    const state = base({ answers: { email: 'ada@example.com', emailVerified: true, firstName: 'Ada', lastName: 'Lovelace' } })
    assert.equal(canOpen(signInJourney, 'date-of-birth', state), false)
    assert.equal(canOpen(signInJourney, 'check-answers', state), false)
    assert.equal(canOpen(signInJourney, 'preferred-name', state), true)
    const noNino = base({ answers: { ...registered, hasNationalInsuranceNumber: false }, lookup: { outcome: 'none' } })
    assert.equal(previousStep(signInJourney, 'has-trn', noNino), 'has-ni-number')
    assert.equal(canOpen(signInJourney, 'ni-number', noNino), false)
  })

  it('gives the lookup status of the reference service', () => {
    assert.equal(trnLookupStatus(base({ lookup: { outcome: 'match', trn: '1000001', after: 'trn' } })), 'Found')
    assert.equal(trnLookupStatus(base({ lookup: { outcome: 'possible', candidates: [] } })), 'Pending')
    assert.equal(trnLookupStatus(base({ lookup: { outcome: 'none' }, answers: { hasTrn: true, trn: '1234567' } })), 'Pending')
    assert.equal(trnLookupStatus(base({ lookup: { outcome: 'none' }, answers: { hasTrn: true, trn: null, hasQts: true } })), 'Pending')
    assert.equal(trnLookupStatus(base({ lookup: { outcome: 'none' }, answers: { hasTrn: false, hasQts: false } })), 'None')
  })

  it('asks "Is this your account?" after the date of birth when an account looks like theirs, and signs them in to it', () => {
    const existingAccount = { sub: 'user-2', email: 'ada@home.example' }
    const asked = base({ answers: registered, existingAccount })
    assert.equal(currentStep(signInJourney, asked), 'existing-account')
    const theirs = base({ answers: registered, existingAccount: { ...existingAccount, isTheirs: true } })
    assert.equal(currentStep(signInJourney, theirs), 'existing-account-code')
    const signedIn = base({ answers: registered, existingAccount: { ...existingAccount, isTheirs: true, verified: true }, signedInUserId: 'user-2' })
    assert.deepEqual(walk(signInJourney, signedIn).slice(-3), ['existing-account', 'existing-account-code', 'complete'])
    const notTheirs = base({ answers: registered, existingAccount: { ...existingAccount, isTheirs: false } })
    assert.equal(currentStep(signInJourney, notTheirs), 'has-ni-number', 'not theirs: registration carries on')
  })

  it('sends someone whose record belongs to another account to prove it and choose an email, after check answers', () => {
    const owner = { sub: 'user-3', email: 'ada@old.example' }
    const found = { ...registered, hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ123456C' }
    const lookup = { outcome: 'match' as const, trn: '1000001', after: 'ni-number' as const }
    assert.equal(currentStep(signInJourney, base({ answers: found, lookup, trnOwner: owner })), 'trn-in-use')
    assert.equal(currentStep(signInJourney, base({ answers: found, lookup, trnOwner: { ...owner, verified: true } })), 'choose-email')
    assert.deepEqual(walk(signInJourney, base({ answers: found, lookup, trnOwner: { ...owner, verified: true }, signedInUserId: 'user-3' })).slice(-4), [
      'check-answers',
      'trn-in-use',
      'choose-email',
      'complete',
    ])
  })

  it('places a new lookup answer after the question just answered, or after the last one answered for an earlier change', () => {
    const answers = { ...registered, hasNationalInsuranceNumber: false, hasTrn: true }
    assert.equal(lookupAnsweredAfter(base({ answers, lookup: { outcome: 'none' } }), 'has-trn'), 'has-trn')
    assert.equal(lookupAnsweredAfter(base({ answers, lookup: { outcome: 'none' } }), 'name'), 'has-trn')
    assert.equal(lookupAnsweredAfter(base({ answers: registered }), 'name'), 'date-of-birth')
  })
})
