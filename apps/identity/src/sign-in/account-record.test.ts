import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { UserRow } from '../database/schema.ts'
import { ticketsDb } from '../support-tickets/schema.ts'
import type { TestClient } from '../testing/test-identity.ts'
import { addJamesSmithRecord, FIXED_CODE, startSignInTest, textOf, type JourneyBrowser, type SignInTest } from '../testing/test-sign-in.ts'

// Someone made their account through a service that did not ask for their teaching record, and now signs in to one
// that does: the record questions are asked for the account before they are signed in.
describe('an account whose teaching record was never looked up, signing in to a service that asks for it', () => {
  let test: SignInTest
  let trnClient: TestClient
  let plainClient: TestClient

  before(async () => {
    test = await startSignInTest({ fixedCode: FIXED_CODE })
    await addJamesSmithRecord(test)
    trnClient = await test.registerClient({ name: 'Register for an NPQ', raiseTrnSupportTickets: true })
    plainClient = await test.registerClient({ name: 'Plain service', scopes: ['openid', 'email', 'profile'] })
  })
  after(() => test?.close())

  const path = (journey: JourneyBrowser) => journey.page.url.pathname
  const userRow = (sub: string) => test.identity.database.db.selectFrom('users').selectAll().where('sub', '=', sub).executeTakeFirstOrThrow()

  async function signInAs(client: TestClient, user: UserRow): Promise<JourneyBrowser> {
    const journey = await test.start(client, client === plainClient ? { scope: 'openid email profile' } : {})
    await journey.submit({ email: user.email })
    await journey.submit({ code: FIXED_CODE })
    return journey
  }

  it('asks the record questions for the account, links the record it finds, and keeps the account’s names', async () => {
    const sarah = await test.identity.createUser({ email: 'sarah.never.looked.up@home.example' })
    const journey = await signInAs(trnClient, sarah)
    assert.equal(path(journey), '/sign-in/has-ni-number', 'the account’s name and date of birth are not asked again')
    assert.equal(journey.backLink(), '/sign-in/email', 'Back goes to the address, as from the first registration question')

    await journey.get('/sign-in/name')
    assert.equal(path(journey), '/sign-in/has-ni-number', 'a page off the person’s path sends them back to where they are')

    await journey.submit({ hasNationalInsuranceNumber: 'yes' })
    await journey.submit({ nationalInsuranceNumber: 'QQ123456C' })
    assert.equal(path(journey), '/sign-in/check-answers', 'the other questions are skipped once the record is found')
    const summary = textOf(journey.page.body)
    for (const shown of [sarah.email, 'Sarah Jane Thompson', '12 April 1986', 'National Insurance number QQ123456C']) assert.ok(summary.includes(shown), shown)
    assert.ok(!journey.page.body.includes('href="/sign-in/name?change=true"'), 'the account’s own details are not changed here')
    assert.ok(!summary.includes('Create your account'))

    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    assert.equal(journey.heading(), 'You’ve signed in')
    assert.match(textOf(journey.page.body), /We’ve found your teaching record .* \(TRN\) is 1000001/)
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.sub, sarah.sub, 'signed in to the account they have, not a new one')
    assert.equal(claims.trn, '1000001')
    assert.equal(claims.trn_lookup_status, 'Found')

    const updated = await userRow(sarah.sub)
    assert.equal(updated.trn_verification_level, 'medium', 'found with the NI number as well as name and date of birth')
    assert.deepEqual([updated.given_name, updated.middle_name, updated.family_name], ['Sarah', 'Jane', 'Thompson'])
    const events = await test.identity.database.db.selectFrom('events').select(['event_type', 'client_id']).where('user_sub', '=', sarah.sub).where('event_type', '=', 'user_trn_lookup_status_changed').execute()
    assert.deepEqual(events, [{ event_type: 'user_trn_lookup_status_changed', client_id: trnClient.clientId }])

    const again = await signInAs(trnClient, updated)
    assert.ok(again.handedBack(), 'a record looked up once is not asked for again: straight back to the service')
  })

  it('goes straight to check answers when the account’s name and date of birth find the record', async () => {
    const mark = await test.identity.createUser({ email: 'mark.rare.name@home.example', given_name: 'Mark', middle_name: null, family_name: 'Pemberton', preferred_name: null, birthdate: '1975-06-30' })
    const journey = await signInAs(trnClient, mark)
    assert.equal(path(journey), '/sign-in/check-answers')
    await journey.submit()
    await journey.submit()
    const { claims } = await journey.finish()
    assert.equal(claims.trn_lookup_status, 'Found')
    assert.equal((await userRow(mark.sub)).trn_verification_level, 'low', 'found on name and date of birth alone')
  })

  it('asks nothing of a service that does not want the record, nor of an account looked up before', async () => {
    const plain = await test.identity.createUser({ email: 'plain.sign.in@home.example' })
    assert.ok((await signInAs(plainClient, plain)).handedBack())
    const lookedUp = await test.identity.createUser({ email: 'looked.up.before@home.example', trn_lookup_status: 'None' })
    assert.ok((await signInAs(trnClient, lookedUp)).handedBack())
  })

  it('records that nothing was found, and says so', async () => {
    const ada = await test.identity.createUser({ email: 'ada.no.record@home.example', given_name: 'Ada', middle_name: null, family_name: 'Lovelace', birthdate: '1990-12-10' })
    const journey = await signInAs(trnClient, ada)
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    await journey.submit({ hasTrn: 'no' })
    await journey.submit({ hasQts: 'no' })
    assert.equal(path(journey), '/sign-in/check-answers')
    await journey.submit()
    assert.match(textOf(journey.page.body), /We did not find a teaching record for you/)
    const updated = await userRow(ada.sub)
    assert.deepEqual([updated.trn, updated.trn_lookup_status], [null, 'None'])
  })

  it('leaves a record linked to another account for the helpdesk, with a ticket naming it', async () => {
    await test.identity.createUser({ email: 'james.first.account@home.example', given_name: 'James', middle_name: null, family_name: 'Smith', birthdate: '1985-05-05', trn: '1000020', trn_lookup_status: 'Found', trn_verification_level: 'medium' })
    const second = await test.identity.createUser({ email: 'james.second.account@home.example', given_name: 'James', middle_name: null, family_name: 'Smith', birthdate: '1985-05-05' })
    const journey = await signInAs(trnClient, second)
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    await journey.submit({ hasTrn: 'yes' })
    await journey.submit({ trn: '1000020' })
    assert.equal(path(journey), '/sign-in/check-answers')
    await journey.submit()
    assert.equal(path(journey), '/sign-in/complete')
    assert.match(textOf(journey.page.body), /We need to check your details/)

    const updated = await userRow(second.sub)
    assert.deepEqual([updated.trn, updated.trn_lookup_status], [null, 'Pending'], 'one record is never linked to two accounts')
    const tickets = await ticketsDb(test.identity.database.db).selectFrom('support_tickets').select(['reason', 'status', 'snapshot']).where('user_sub', '=', second.sub).execute()
    assert.equal(tickets.length, 1)
    assert.deepEqual([tickets[0]?.reason, tickets[0]?.status], ['possible_match', 'open'])
    assert.match(JSON.stringify(tickets[0]?.snapshot), /1000020/, 'the agent sees which record it is')
  })

  it('a second submit of check answers changes nothing more', async () => {
    const james = await test.identity.createUser({ email: 'james.double.submit@home.example', given_name: 'James', middle_name: null, family_name: 'Smith', birthdate: '1985-05-05' })
    const journey = await signInAs(trnClient, james)
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    await journey.submit({ hasTrn: 'no' })
    await journey.submit({ hasQts: 'yes' })
    await journey.submit({ ittProvider: 'University of Leeds' })
    assert.equal(path(journey), '/sign-in/check-answers')
    const [first, second] = await Promise.all([journey.submit(), journey.submit()])
    assert.equal(first.url.pathname, '/sign-in/complete')
    assert.equal(second.url.pathname, '/sign-in/complete')
    assert.equal((await userRow(james.sub)).trn_lookup_status, 'Pending')
    const tickets = await ticketsDb(test.identity.database.db).selectFrom('support_tickets').select('id').where('user_sub', '=', james.sub).execute()
    assert.equal(tickets.length, 1, 'one ticket, however many submits')
    const events = await test.identity.database.db.selectFrom('events').select('id').where('user_sub', '=', james.sub).where('event_type', '=', 'user_trn_lookup_status_changed').execute()
    assert.equal(events.length, 1)
  })

  it('asks the record questions of a browser signed in already, which would otherwise skip the journey', async () => {
    const ada = await test.identity.createUser({ email: 'ada.signed.in.already@home.example', given_name: 'Ada', middle_name: null, family_name: 'Lovelace', birthdate: '1990-12-10' })
    const journey = await signInAs(plainClient, ada)
    assert.ok(journey.handedBack(), 'signed in to the first service')

    await journey.get((await test.authorizationUrl(plainClient, { scope: 'openid email profile' })).href)
    assert.equal(journey.page.leftProvider, true, 'a service not asking for the record signs them in at once')
    await journey.get((await test.authorizationUrl(trnClient)).href)
    assert.equal(path(journey), '/sign-in/email', 'one asking for it sends them through the journey')
    await journey.submit({ email: ada.email })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/has-ni-number')
    await journey.submit({ hasNationalInsuranceNumber: 'no' })
    await journey.submit({ hasTrn: 'no' })
    await journey.submit({ hasQts: 'no' })
    await journey.submit()
    await journey.submit()
    assert.equal(journey.page.leftProvider, true, 'the journey that asked hands back, whatever was found')
    assert.equal((await userRow(ada.sub)).trn_lookup_status, 'None')

    await journey.get((await test.authorizationUrl(trnClient)).href)
    assert.equal(journey.page.leftProvider, true, 'asked once, signed in at once after that')
  })

  it('forgets the account’s details when the person changes to an address with no account', async () => {
    const sarah = await test.identity.createUser({ email: 'sarah.changes.email@home.example' })
    const journey = await signInAs(trnClient, sarah)
    assert.equal(path(journey), '/sign-in/has-ni-number')
    await journey.get('/sign-in/email')
    await journey.submit({ email: 'someone.new@home.example' })
    await journey.submit({ code: FIXED_CODE })
    assert.equal(path(journey), '/sign-in/name', 'a new address goes on to registration')
    assert.ok(!journey.page.body.includes('value="Sarah"'), 'the other account’s name is not filled in')
  })
})
