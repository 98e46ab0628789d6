import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startAdminTest, type AdminTest, type ConsoleBrowser } from '../testing.ts'
import { readUserSearch } from './search.ts'

describe('finding people: the dashboard, the support queue, search and a person’s page', () => {
  let test: AdminTest
  let agent: ConsoleBrowser
  before(async () => {
    test = await startAdminTest()
    agent = await test.signedIn(test.staff.support)
  })
  after(() => test?.close())

  it('reads a search as a TRN, an email address, an account id or names', () => {
    assert.deepEqual(readUserSearch(' 100 0001 '), { by: 'trn', trn: '1000001' })
    assert.deepEqual(readUserSearch('Jo@School'), { by: 'email', text: 'jo@school' })
    assert.deepEqual(readUserSearch('school.example'), { by: 'email', text: 'school.example' })
    assert.deepEqual(readUserSearch('5F0C7A52-1B1E-4C43-9A55-0D6E5B1C2A10'), { by: 'sub', sub: '5f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a10' })
    assert.deepEqual(readUserSearch('  sarah   thompson '), { by: 'name', words: ['sarah', 'thompson'] })
    assert.deepEqual(readUserSearch('   '), { by: 'nothing' })
  })

  it('counts the open requests on the dashboard and lists them oldest first', async () => {
    await agent.get('/admin')
    const before = Number(/<span[^>]*id="open-tickets">(\d+)</.exec(agent.page.body)?.[1])
    const first = await test.pendingUser({ user: { email: 'first.waiting@school.example', given_name: 'Olu', family_name: 'First' } })
    const second = await test.pendingUser({ user: { email: 'second.waiting@school.example', given_name: 'Tam', family_name: 'Second' }, answers: { hasTrn: true, trn: '1234567' } })
    await agent.get('/admin')
    assert.equal(Number(/<span[^>]*id="open-tickets">(\d+)</.exec(agent.page.body)?.[1]), before + 2)
    await agent.get('/admin/support-queue')
    const text = agent.text()
    assert.ok(text.indexOf('first.waiting@school.example') < text.indexOf('second.waiting@school.example'), 'oldest first')
    assert.match(text, /Tam Jane Second second\.waiting@school\.example .* Their TRN was not found Register for an NPQ/)
    assert.match(agent.page.body, new RegExp(`href="/admin/users/${first.user.sub}"`))
    assert.match(agent.page.body, new RegExp(`href="/admin/users/${second.user.sub}"`))

    await agent.get('/admin/support-queue?page=2')
    assert.equal(agent.page.status, 200)
    assert.match(agent.text(), /There are no open requests/)
    await agent.get('/admin/support-queue?page=abc')
    assert.equal(agent.page.status, 400)
    assert.match(agent.text(), /The page number must be a whole number from 1/)
  })

  it('finds accounts by part of a name, email address, TRN or account id', async () => {
    const ada = await test.createUser({ email: 'ada.l@college.example', given_name: 'Augusta', middle_name: 'Ada', family_name: 'Lovelace', trn: '1000002', trn_lookup_status: 'Found', trn_verification_level: 'low' })
    await test.createUser({ email: 'charles.b@college.example', given_name: 'Charles', middle_name: null, family_name: 'Babbage' })
    const found = async (q: string) => {
      await agent.get(`/admin/users?q=${encodeURIComponent(q)}`)
      assert.equal(agent.page.status, 200, q)
      return [...agent.page.body.matchAll(/<a class="govuk-link" href="\/admin\/users\/([0-9a-f-]{36})">/g)].map((match) => match[1])
    }
    assert.deepEqual(await found('ada lovelace'), [ada.sub])
    assert.deepEqual(await found('LOVE'), [ada.sub])
    assert.deepEqual(await found('ADA.L@'), [ada.sub])
    assert.deepEqual(await found('100 0002'), [ada.sub])
    assert.deepEqual(await found(ada.sub), [ada.sub])
    assert.equal((await found('college.example')).length, 2)
    assert.deepEqual(await found('Grace Hopper'), [])
    assert.match(agent.text(), /No accounts match ‘Grace Hopper’/)
    assert.deepEqual(await found('100%_'), [], 'LIKE wildcards are searched for as they are')

    await agent.get(`/admin/users?q=${'x'.repeat(201)}`)
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Search must be 200 characters or less'])
    await agent.get('/admin/users?q=a&q=b')
    assert.equal(agent.page.status, 400)
    assert.deepEqual(agent.errorSummary(), ['Enter one name, email address or TRN to search for'])
  })

  it('shows a person’s request beside every candidate, read afresh, and says which could not be read', async () => {
    const { user } = await test.pendingUser({
      user: { email: 'candidates@school.example', given_name: 'Sarah', middle_name: null, family_name: 'Thompson', birthdate: '1986-04-12' },
      answers: { hasNationalInsuranceNumber: true, nationalInsuranceNumber: 'QQ123456C', hasTrn: true, trn: '1000012' },
      candidates: [
        { trn: '1000001', score: 80, reasons: ['first_name_exact', 'last_name_exact', 'date_of_birth_exact'], record: null },
        { trn: '1000011', score: 70, reasons: [], record: null },
        { trn: '1999999', score: 10, reasons: [], record: null },
      ],
    })
    await agent.get(`/admin/users/${user.sub}`)
    assert.equal(agent.heading(), 'Sarah Thompson')
    const text = agent.text()
    assert.match(text, /Open support request Reason Possible matches to check/)
    assert.match(text, /What they told us TRN 1000001 A possible match TRN 1000011 A possible match TRN 1999999 A possible match TRN 1000012 The TRN they gave/)
    assert.match(text, /National Insurance number QQ123456C QQ123456C Matches/)
    assert.match(text, /This record was merged into TRN 1000001\. There is no teaching record with this TRN\. This teaching record has been deactivated\./)
    assert.match(agent.page.body, new RegExp(`href="/admin/users/${user.sub}/assign-trn\\?trn=1000001"`))

    test.recordsDown(true)
    try {
      await agent.get(`/admin/users/${user.sub}`)
      assert.equal(agent.page.status, 200)
      assert.match(agent.text(), /The teaching record service could not be reached\. Refresh the page to try again\./)
    } finally {
      test.recordsDown(false)
    }
  })
})
