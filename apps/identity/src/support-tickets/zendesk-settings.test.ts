import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigurationError } from '../../../../packages/kit/src/config.ts'
import { loadZendeskSettings } from './zendesk-settings.ts'

const all = { IDENTITY_ZENDESK_SUBDOMAIN: 'DfE-Teachers', IDENTITY_ZENDESK_USER: 'identity-api@education.gov.uk', IDENTITY_ZENDESK_TOKEN: 'a1B2c3D4e5' }

function problemsWith(env: NodeJS.ProcessEnv): string[] {
  try {
    loadZendeskSettings(env)
  } catch (error) {
    assert.ok(error instanceof ConfigurationError)
    return error.problems
  }
  return []
}

describe('Zendesk settings', () => {
  it('are off with none of the three variables (or empty ones): tickets go to the built-in queue', () => {
    assert.equal(loadZendeskSettings({}), undefined)
    assert.equal(loadZendeskSettings({ IDENTITY_ZENDESK_SUBDOMAIN: '', IDENTITY_ZENDESK_USER: '', IDENTITY_ZENDESK_TOKEN: '' }), undefined)
  })

  it('are on with all three, the subdomain in lower case', () => {
    assert.deepEqual(loadZendeskSettings(all), { subdomain: 'dfe-teachers', user: 'identity-api@education.gov.uk', token: 'a1B2c3D4e5' })
  })

  it('refuse to start with only some of them, naming each one missing', () => {
    assert.deepEqual(problemsWith({ IDENTITY_ZENDESK_SUBDOMAIN: 'dfe' }), [
      'IDENTITY_ZENDESK_USER: is needed with IDENTITY_ZENDESK_SUBDOMAIN: set all three Zendesk variables, or none for the built-in support queue',
      'IDENTITY_ZENDESK_TOKEN: is needed with IDENTITY_ZENDESK_SUBDOMAIN: set all three Zendesk variables, or none for the built-in support queue',
    ])
    const { IDENTITY_ZENDESK_TOKEN: _token, ...withoutToken } = all
    assert.deepEqual(problemsWith(withoutToken), [
      'IDENTITY_ZENDESK_TOKEN: is needed with IDENTITY_ZENDESK_SUBDOMAIN and IDENTITY_ZENDESK_USER: set all three Zendesk variables, or none for the built-in support queue',
    ])
    assert.throws(() => loadZendeskSettings({ IDENTITY_ZENDESK_TOKEN: 'secret' }), /Invalid configuration:\n {2}- IDENTITY_ZENDESK_SUBDOMAIN: is needed/)
  })

  it('refuse a URL for a subdomain, a user that is not an email address and a token with spaces', () => {
    assert.match(problemsWith({ ...all, IDENTITY_ZENDESK_SUBDOMAIN: 'https://dfe.zendesk.com' }).join(), /IDENTITY_ZENDESK_SUBDOMAIN: must be the Zendesk account name only/)
    assert.match(problemsWith({ ...all, IDENTITY_ZENDESK_SUBDOMAIN: 'dfe.zendesk.com' }).join(), /IDENTITY_ZENDESK_SUBDOMAIN: must be the Zendesk account name only/)
    assert.match(problemsWith({ ...all, IDENTITY_ZENDESK_USER: 'identity-api' }).join(), /IDENTITY_ZENDESK_USER: must be the email address/)
    assert.match(problemsWith({ ...all, IDENTITY_ZENDESK_TOKEN: 'two words' }).join(), /IDENTITY_ZENDESK_TOKEN: must not contain spaces/)
  })

  it('never put the token in an error message', () => {
    const problems = problemsWith({ IDENTITY_ZENDESK_TOKEN: 'super-secret-token' })
    assert.ok(problems.length > 0)
    assert.doesNotMatch(problems.join(), /super-secret-token/)
  })
})
