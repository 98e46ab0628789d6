import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it, mock } from 'node:test'
import * as oidc from 'openid-client'
import type { UserRow } from '../database/schema.ts'
import { authorize, signIn } from '../testing/flows.ts'
import { CALLBACK, startTestIdentity, type TestClient, type TestIdentity } from '../testing/test-identity.ts'

describe('handing over to the sign-in journey', () => {
  let identity: TestIdentity
  let client: TestClient
  let rp: oidc.Configuration
  let teacher: UserRow
  before(async () => {
    identity = await startTestIdentity()
    client = await identity.registerClient({ scopes: ['openid', 'email', 'profile', 'trn'] })
    rp = await identity.relyingParty(client)
    teacher = await identity.createUser()
  })
  afterEach(() => {
    identity.holdSignIns(false)
    mock.timers.reset()
  })
  after(() => identity.close())

  async function startSignIn() {
    identity.holdSignIns(true)
    const browser = identity.browser()
    const url = oidc.buildAuthorizationUrl(rp, {
      redirect_uri: CALLBACK,
      scope: 'openid email',
      state: 'abc',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    const page = await browser.navigate(url)
    assert.equal(page.status, 200)
    assert.equal(page.url.pathname, '/sign-in')
    const uid = page.url.searchParams.get('interaction') as string
    assert.ok(uid)
    assert.deepEqual(
      page.visited.map((visited) => visited.pathname),
      ['/connect/authorize', '/sign-in'],
      'the authorization request hands the browser straight to the journey, with no hop through /interaction/<uid>',
    )
    return { browser, uid, page }
  }

  it('sends the browser to /sign-in?interaction=<uid>, where the journey can finish the sign-in later', async () => {
    const { browser, page } = await startSignIn()
    assert.match(page.body, /signing in for Test service/)
    identity.holdSignIns(false)
    identity.signInAs(teacher.sub)
    const back = await browser.navigate(page.url)
    assert.equal(back.leftProvider, true)
    assert.ok(back.url.href.startsWith(CALLBACK))
    assert.ok(back.url.searchParams.get('code'))
    assert.equal(back.url.searchParams.get('state'), 'abc')
  })

  it('is useless in another browser: the journey is told there is no sign-in, and /interaction refuses', async () => {
    const { uid, page } = await startSignIn()
    const stranger = identity.browser()
    const stolen = await stranger.navigate(page.url)
    assert.equal(stolen.status, 400)
    assert.match(stolen.body, /no sign-in in progress/)
    const interaction = await stranger.navigate(`${identity.issuer}/interaction/${uid}`)
    assert.equal(interaction.status, 400)
    assert.equal(interaction.leftProvider, false)
    assert.match(interaction.body, /error: sign_in_expired/)
  })

  it('refuses a made-up interaction id', async () => {
    const { browser } = await startSignIn()
    const page = await browser.navigate(`${identity.issuer}/sign-in?interaction=abcdefghijklmnopqrstuvwxyz`)
    assert.equal(page.status, 400)
  })

  it('expires with the interaction, two hours after the request', async () => {
    const { browser, page } = await startSignIn()
    identity.holdSignIns(false)
    identity.signInAs(teacher.sub)
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 2 * 60 * 60 * 1000 + 1000 })
    const late = await browser.navigate(page.url)
    assert.equal(late.status, 400)
    assert.equal(late.leftProvider, false)
  })

  it('returns the refusal to the client when the journey abandons the sign-in', async () => {
    identity.signInAs(undefined)
    const { callback } = await authorize(identity, rp, { scope: 'openid' })
    assert.equal(callback.searchParams.get('error'), 'access_denied')
    assert.equal(callback.searchParams.get('error_description'), 'the person cannot use this service')
    assert.equal(callback.searchParams.get('code'), null)
  })

  it('answers prompt=none without a session with login_required, without involving the journey', async () => {
    const before = identity.lastSignInRequest()
    const { callback } = await authorize(identity, rp, { scope: 'openid', parameters: { prompt: 'none' } })
    assert.equal(callback.searchParams.get('error'), 'login_required')
    assert.equal(identity.lastSignInRequest(), before)
  })

  it('records the sign-in, and consent given implicitly for exactly the scopes newly granted', async () => {
    const person = await identity.createUser({ trn_lookup_status: 'None' })
    const browser = identity.browser()
    await signIn(identity, rp, { userSub: person.sub, scope: 'openid email', browser })
    await signIn(identity, rp, { userSub: person.sub, scope: 'openid email', browser })
    await signIn(identity, rp, { userSub: person.sub, scope: 'openid email trn', browser })
    const events = await identity.database.db.selectFrom('events').selectAll().where('user_sub', '=', person.sub).orderBy('id').execute()
    assert.deepEqual(
      events.map((event) => [event.event_type, event.client_id, event.actor]),
      [
        ['user_signed_in', client.clientId, `user:${person.sub}`],
        ['consent_granted', client.clientId, `user:${person.sub}`],
        ['consent_granted', client.clientId, `user:${person.sub}`],
      ],
    )
    assert.deepEqual(events[1]?.details.scopes, ['openid', 'email'])
    assert.deepEqual(events[2]?.details.scopes, ['trn'])
    const row = await identity.database.db.selectFrom('users').select('last_signed_in_at').where('sub', '=', person.sub).executeTakeFirstOrThrow()
    assert.ok(row.last_signed_in_at)
  })
})
