import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { headingOf } from '../testing/test-sign-in.ts'
import type { Navigation } from '../testing/browser.ts'
import { createSubscription } from '../webhooks/subscriptions.ts'
import { adminDb } from './schema.ts'
import type { Access } from './shared/routes.ts'
import { routesOf, startAdminTest, type AdminTest, type ConsoleBrowser } from './testing.ts'

// Who may use each route of the console. The route list comes from the router itself: a route added to the console
// without a line here fails the first test, and every route the router has is tried as every kind of visitor.
const EXPECTED: Record<string, Access> = {
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /sign-in/code': 'public',
  'POST /sign-in/code': 'public',
  'POST /sign-in/code/resend': 'public',
  'GET /sign-out': 'staff',
  'POST /sign-out': 'staff',
  'GET /': 'support',
  'GET /support-queue': 'support',
  'GET /users': 'support',
  'GET /users/:sub': 'support',
  'GET /users/:sub/assign-trn': 'support',
  'POST /users/:sub/assign-trn': 'support',
  'POST /users/:sub/assign-trn/confirm': 'support',
  'GET /users/:sub/no-trn': 'support',
  'POST /users/:sub/no-trn': 'support',
  'POST /users/:sub/no-trn/confirm': 'support',
  'GET /users/:sub/lookup-failed': 'support',
  'POST /users/:sub/lookup-failed': 'support',
  'POST /users/:sub/lookup-failed/confirm': 'support',
  'GET /users/:sub/correct-details': 'support',
  'POST /users/:sub/correct-details': 'support',
  'POST /users/:sub/correct-details/confirm': 'support',
  'GET /users/:sub/merge': 'support',
  'POST /users/:sub/merge': 'support',
  'GET /users/:sub/merge/:other': 'support',
  'POST /users/:sub/merge/:other': 'support',
  'POST /users/:sub/merge/:other/confirm': 'support',
  'GET /users/:sub/history': 'support',
  'GET /staff': 'admin',
  'GET /staff/new': 'admin',
  'POST /staff/new': 'admin',
  'GET /staff/:staffId': 'admin',
  'POST /staff/:staffId': 'admin',
  'GET /staff/:staffId/deactivate': 'admin',
  'POST /staff/:staffId/deactivate': 'admin',
  'GET /staff/:staffId/reactivate': 'admin',
  'POST /staff/:staffId/reactivate': 'admin',
  'GET /clients': 'admin',
  'GET /clients/:clientId': 'admin',
  'POST /clients/:clientId': 'admin',
  'GET /clients/:clientId/rotate-secret': 'admin',
  'POST /clients/:clientId/rotate-secret': 'admin',
  'GET /webhooks': 'admin',
  'GET /webhooks/new': 'admin',
  'POST /webhooks/new': 'admin',
  'GET /webhooks/:subscriptionId': 'admin',
  'POST /webhooks/:subscriptionId': 'admin',
  'GET /webhooks/:subscriptionId/regenerate-secret': 'admin',
  'POST /webhooks/:subscriptionId/regenerate-secret': 'admin',
  'POST /webhooks/deliveries/:deliveryId/redeliver': 'admin',
}

type Visitor = 'anonymous' | 'teacher' | 'staff without a role' | 'support' | 'admin'
type Outcome = 'reaches the page' | 'sent to sign in' | 'forbidden'

function expected(access: Access, visitor: Visitor, method: string): Outcome | 'not forbidden' {
  if (access === 'public') return 'not forbidden'
  if (visitor === 'anonymous' || visitor === 'teacher') return method === 'GET' ? 'sent to sign in' : 'forbidden'
  if (visitor === 'admin') return 'reaches the page'
  if (visitor === 'staff without a role') return access === 'staff' ? 'reaches the page' : 'forbidden'
  return access === 'admin' ? 'forbidden' : 'reaches the page'
}

/** What the console answered the request itself (a redirect it sent is judged by where it sent the visitor first). */
function outcomeOf(navigation: Navigation): Outcome {
  const firstRedirect = navigation.leftProvider && navigation.visited.length === 1 ? navigation.url : navigation.visited[1]
  // Signing out ends at the sign-in page too, saying so: that is the page reached, not a refusal.
  if (firstRedirect) return firstRedirect.pathname === '/admin/sign-in' && !firstRedirect.searchParams.has('signedOut') ? 'sent to sign in' : 'reaches the page'
  if (navigation.status === 403) {
    // The console's refusal, not a CSRF one: every post here carries the session's token.
    assert.equal(headingOf(navigation.body), 'You do not have permission to see this page')
    return 'forbidden'
  }
  assert.ok(navigation.status < 500, `no server error (${navigation.status})`)
  return 'reaches the page'
}

describe('who can reach the support console', () => {
  let test: AdminTest
  let params: Record<string, string>
  const visitors = new Map<Visitor, { person: ConsoleBrowser; csrf: string }>()

  const csrfOf = (person: ConsoleBrowser) => {
    const token = /name="_csrf" value="([^"]+)"/.exec(person.page.body)?.[1]
    assert.ok(token, 'the visitor has a CSRF token in their session')
    return token
  }

  before(async () => {
    test = await startAdminTest()
    const { user } = await test.pendingUser()
    const other = await test.createUser()
    const client = await test.signIn.registerClient({ name: 'Register for an NPQ' })
    const subscription = await createSubscription(test.db, test.clock, { endpoint: 'https://npq.example/webhooks', messageTypes: ['UserUpdated'] }, { actor: 'test', requireHttps: false })
    const colleague = await test.addStaff(['support'], 'A Colleague')
    params = { sub: user.sub, other: other.sub, clientId: client.clientId, subscriptionId: subscription.subscription.id, staffId: colleague.id, deliveryId: randomUUID() }

    const anonymous = test.browser()
    await anonymous.get('/admin/sign-in')
    const teacher = await test.teacher()
    await teacher.get('/admin/sign-in')
    const roleless = await test.addStaff(['support'])
    const withoutRole = await test.signedIn(roleless)
    await adminDb(test.db).updateTable('staff_users').set({ roles: [] }).where('id', '=', roleless.id).execute()
    const support = await test.signedIn(test.staff.support)
    const admin = await test.signedIn(test.staff.admin)
    for (const person of [withoutRole, support, admin]) await person.get('/admin/sign-out')
    for (const [visitor, person] of [['anonymous', anonymous], ['teacher', teacher], ['staff without a role', withoutRole], ['support', support], ['admin', admin]] as const) {
      visitors.set(visitor, { person, csrf: csrfOf(person) })
    }
  })
  after(() => test?.close())

  /** The router's routes, signing out last (it ends the visitor's session). */
  const routes = () => routesOf(test.router).sort((a, b) => Number(a === 'POST /sign-out') - Number(b === 'POST /sign-out'))

  it('has an expectation for every route the router has, and no route that is not guarded by the table', () => {
    assert.deepEqual([...routes()].sort(), Object.keys(EXPECTED).sort())
  })

  for (const visitor of ['anonymous', 'teacher', 'staff without a role', 'support', 'admin'] as const) {
    it(`as ${visitor === 'teacher' ? 'a teacher signed in through the sign-in journey' : visitor}`, async () => {
      const { person, csrf } = visitors.get(visitor) as { person: ConsoleBrowser; csrf: string }
      const eventsBefore = await test.db.selectFrom('events').select('id').execute()
      const usersBefore = await test.db.selectFrom('users').selectAll().orderBy('sub').execute()
      const seen: string[] = []
      for (const route of routes()) {
        const [method = '', pattern = ''] = route.split(' ')
        const access = EXPECTED[route]
        assert.ok(access, `${route} is in the table`)
        const path = `/admin${pattern === '/' ? '' : pattern.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? assert.fail(`no value for :${name}`))}`
        const url = new URL(path, test.consoleUrl)
        const navigation = method === 'GET' ? await person.browser.navigate(url) : await person.browser.navigate(url, { method: 'POST', form: { _csrf: csrf } })
        const outcome = outcomeOf(navigation)
        seen.push(`${route} → ${outcome}`)
        const wanted = expected(access, visitor, method)
        if (wanted === 'not forbidden') assert.notEqual(outcome, 'forbidden', `${visitor}: ${route}`)
        else assert.equal(outcome, wanted, `${visitor}: ${route}`)
        if (wanted === 'reaches the page' && method === 'GET') assert.equal(navigation.status, 200, `${visitor}: ${route}`)
      }
      assert.equal(seen.length, Object.keys(EXPECTED).length)
      if (visitor === 'anonymous' || visitor === 'teacher') {
        const eventsAfter = await test.db.selectFrom('events').select('id').execute()
        assert.equal(eventsAfter.length, eventsBefore.length, 'nothing was recorded')
        assert.deepEqual(await test.db.selectFrom('users').selectAll().orderBy('sub').execute(), usersBefore, 'nothing was changed')
      }
    })
  }

  it('refuses a form whose CSRF token is missing or wrong, even from staff', async () => {
    const signedIn = await test.signedIn(test.staff.support)
    // A page with a form puts a token in the session; the forms below do not send it.
    await signedIn.get('/admin/sign-out')
    for (const form of [{}, { _csrf: 'not-the-token' }] as Array<Record<string, string>>) {
      const navigation = await signedIn.browser.navigate(new URL(`/admin/users/${params.sub}/no-trn/confirm`, test.consoleUrl), { method: 'POST', form: { ...form, reason: 'x', confirmed: 'yes' } })
      assert.equal(navigation.status, 403)
      assert.equal(headingOf(navigation.body), 'Sorry, we could not accept that form')
    }
    const user = await test.db.selectFrom('users').select('trn_lookup_status').where('sub', '=', params.sub as string).executeTakeFirstOrThrow()
    assert.equal(user.trn_lookup_status, 'Pending')
  })

  it('takes a role away at once: an admin made support loses the admin pages on their next request', async () => {
    const member = await test.addStaff(['admin'])
    const person = await test.signedIn(member)
    await person.get('/admin')
    assert.match(person.text(), /Administration/)
    await adminDb(test.db).updateTable('staff_users').set({ roles: ['support'] }).where('id', '=', member.id).execute()
    await person.get('/admin')
    assert.ok(!person.text().includes('Administration'))
    assert.ok(!/href="\/admin\/staff"/.test(person.page.body), 'nor links to them')
  })
})
