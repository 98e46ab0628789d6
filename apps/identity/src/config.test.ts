import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigurationError } from '../../../packages/kit/src/config.ts'
import { DEVELOPMENT_COOKIE_KEY, loadIdentityConfig } from './config.ts'
import { generateSigningKey } from './signing-keys/keys.ts'

const strongKey = 'k'.repeat(48)
const production = { NODE_ENV: 'production', IDENTITY_ISSUER: 'https://identity.education.gov.uk', IDENTITY_COOKIE_KEYS: strongKey }

function problemsWith(env: NodeJS.ProcessEnv): string[] {
  try {
    loadIdentityConfig(env)
  } catch (error) {
    assert.ok(error instanceof ConfigurationError)
    return error.problems
  }
  return []
}

describe('identity configuration', () => {
  it('runs on a developer machine with no settings at all', () => {
    const config = loadIdentityConfig({})
    assert.equal(config.port, 3000)
    assert.equal(config.issuer, 'http://localhost:3000')
    assert.deepEqual(config.cookieKeys, [DEVELOPMENT_COOKIE_KEY])
    assert.equal(config.signingKeys, undefined)
    assert.equal(config.allowPrivateCallbacks, true)
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.dataDir, './data')
    assert.equal(loadIdentityConfig({ DATA_DIR: '' }).dataDir, './data', 'an empty variable is unset, not the current folder')
  })

  it('prefers IDENTITY_DATABASE_URL to DATABASE_URL and trims a trailing slash off the issuer', () => {
    const config = loadIdentityConfig({ DATABASE_URL: 'postgres://shared', IDENTITY_DATABASE_URL: 'postgres://own', IDENTITY_ISSUER: 'http://id.local:3000/' })
    assert.equal(config.databaseUrl, 'postgres://own')
    assert.equal(config.issuer, 'http://id.local:3000')
  })

  it('starts in production only with an https issuer and its own cookie keys', () => {
    assert.deepEqual(problemsWith(production), [])
    assert.equal(loadIdentityConfig(production).allowPrivateCallbacks, false)
    const problems = problemsWith({ NODE_ENV: 'production' })
    assert.ok(problems.some((problem) => problem.startsWith('IDENTITY_ISSUER: is required in production')))
    assert.ok(problems.some((problem) => problem.startsWith('IDENTITY_COOKIE_KEYS: is required in production')))
    assert.match(problemsWith({ ...production, IDENTITY_ISSUER: 'http://identity.education.gov.uk' }).join(), /must use https in production/)
    assert.match(problemsWith({ ...production, IDENTITY_COOKIE_KEYS: DEVELOPMENT_COOKIE_KEY }).join(), /must not contain the development key/)
    assert.match(problemsWith({ ...production, IDENTITY_COOKIE_KEYS: `${strongKey},short` }).join(), /at least 32 characters/)
  })

  it('takes signing keys as a private JWK Set, and says what is wrong with a bad one', () => {
    const key = generateSigningKey()
    assert.equal(loadIdentityConfig({ IDENTITY_SIGNING_KEYS: JSON.stringify({ keys: [key] }) }).signingKeys?.[0]?.kid, key.kid)
    const { d: _private, ...publicOnly } = key
    assert.match(problemsWith({ IDENTITY_SIGNING_KEYS: JSON.stringify({ keys: [publicOnly] }) }).join(), /must be a private key/)
    assert.match(problemsWith({ IDENTITY_SIGNING_KEYS: 'not json' }).join(), /JSON Web Key Set/)
    assert.match(problemsWith({ IDENTITY_SIGNING_KEYS: JSON.stringify({ keys: [key, key] }) }).join(), /used twice/)
    assert.match(problemsWith({ IDENTITY_SIGNING_KEYS: JSON.stringify({ keys: [{ ...key, kid: undefined }] }) }).join(), /needs a "kid"/)
  })

  it('names every bad number', () => {
    assert.match(problemsWith({ IDENTITY_PORT: 'eighty' }).join(), /IDENTITY_PORT/)
    assert.match(problemsWith({ IDENTITY_SIGNING_KEY_ROTATION_DAYS: '-1' }).join(), /IDENTITY_SIGNING_KEY_ROTATION_DAYS/)
    assert.match(problemsWith({ IDENTITY_ALLOW_PRIVATE_CALLBACKS: 'maybe' }).join(), /IDENTITY_ALLOW_PRIVATE_CALLBACKS/)
  })
})
