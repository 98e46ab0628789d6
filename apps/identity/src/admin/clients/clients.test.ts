import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { clientSecretMatches } from '../../clients/secrets.ts'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../testing.ts'

describe('admins managing client services', () => {
  let test: AdminTest
  let admin: ConsoleBrowser
  let clientId: string
  before(async () => {
    test = await startAdminTest()
    admin = await test.signedIn(test.staff.admin)
    clientId = (await test.signIn.registerClient({ name: 'Register for an NPQ', redirectUris: ['https://npq.example/auth/callback'] })).clientId
  })
  after(() => test?.close())

  const clientRow = () => test.db.selectFrom('clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow()
  const clientEvents = () => test.db.selectFrom('events').select(['event_type', 'actor', 'details']).where('client_id', '=', clientId).where('event_type', 'in', ['client_updated', 'client_secret_rotated']).orderBy('id').execute()

  it('changes redirect URIs and the journey settings, recording before and after', async () => {
    await admin.get('/admin/clients')
    assert.match(admin.text(), new RegExp(`Register for an NPQ ${clientId} authorization_code Active`))
    await admin.get(`/admin/clients/${clientId}`)
    assert.equal(admin.heading(), 'Register for an NPQ')
    await admin.submit({
      redirectUris: 'https://npq.example/auth/callback\r\n  https://npq-review.example/auth/callback  \r\n\r\n',
      trnRequirement: 'required',
      raiseTrnSupportTickets: 'yes',
    })
    assert.equal(admin.path(), `/admin/clients/${clientId}`)
    assert.match(admin.text(), /Register for an NPQ is updated\./)
    const row = await clientRow()
    assert.deepEqual(row.redirect_uris, ['https://npq.example/auth/callback', 'https://npq-review.example/auth/callback'])
    assert.equal(row.trn_requirement, 'required')
    assert.equal(row.raise_trn_support_tickets, true)
    const [event] = await clientEvents()
    assert.deepEqual(event, {
      event_type: 'client_updated',
      actor: `staff:${test.staff.admin.id}`,
      details: {
        staff: { id: test.staff.admin.id, email: test.staff.admin.email },
        before: { redirectUris: ['https://npq.example/auth/callback'], trnRequirement: 'optional', raiseTrnSupportTickets: false },
        after: { redirectUris: ['https://npq.example/auth/callback', 'https://npq-review.example/auth/callback'], trnRequirement: 'required', raiseTrnSupportTickets: true },
      },
    })
  })

  it('refuses settings the registration rules refuse, keeping what was typed, and changes nothing', async () => {
    const before = await clientRow()
    const eventsBefore = (await clientEvents()).length
    await admin.get(`/admin/clients/${clientId}`)
    await admin.submit({ redirectUris: 'not a url\nhttps://ok.example/cb#fragment', postLogoutRedirectUris: 'ftp://npq.example/' })
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), [
      'Redirect URI "not a url" must be an absolute http(s) URL',
      'Post-logout redirect URI "ftp://npq.example/" must be an absolute http(s) URL',
    ])
    assert.match(admin.page.body, /not a url/)
    await admin.submit({ redirectUris: '', postLogoutRedirectUris: '' })
    assert.deepEqual(admin.errorSummary(), ['A client that signs people in needs at least one redirect URI'])
    await admin.post(`/admin/clients/${clientId}`, { redirectUris: 'https://npq.example/cb' })
    assert.deepEqual(admin.errorSummary(), ['Select whether the service requires a TRN', 'Select the match policy'])
    assert.deepEqual(await clientRow(), before)
    assert.equal((await clientEvents()).length, eventsBefore)
  })

  it('rotates the secret after a confirmation, showing the new one once and storing only its hash', async () => {
    await admin.get(`/admin/clients/${clientId}/rotate-secret`)
    assert.equal(admin.heading(), 'Rotate the client secret')
    await admin.post(`/admin/clients/${clientId}/rotate-secret`, {})
    assert.equal(admin.page.status, 400)
    assert.deepEqual(admin.errorSummary(), ['Confirm that you want a new secret'])
    const before = await clientRow()
    await admin.get(`/admin/clients/${clientId}/rotate-secret`)
    await admin.submit()
    assert.equal(admin.heading(), 'The new client secret')
    const secret = /<code id="client-secret"[^>]*>([^<]+)<\/code>/.exec(admin.page.body)?.[1] ?? ''
    assert.match(secret, /^[A-Za-z0-9_-]{40,}$/)
    const after = await clientRow()
    assert.notEqual(after.secret_hash, before.secret_hash)
    assert.ok(clientSecretMatches(secret, after.secret_hash))
    const rotated = (await clientEvents()).filter((event) => event.event_type === 'client_secret_rotated')
    assert.equal(rotated.length, 1)
    assert.ok(!JSON.stringify(rotated).includes(secret), 'the event never holds the secret')
    await admin.get(`/admin/clients/${clientId}`)
    assert.ok(!admin.page.body.includes(secret), 'nor is it shown again')
  })

  it('shows 404 for a client that does not exist', async () => {
    await admin.get('/admin/clients/no-such-client')
    assert.equal(admin.page.status, 404)
    await admin.get('/admin/clients/NOT%20VALID')
    assert.equal(admin.page.status, 404)
  })
})
