import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigurationError } from '../../../packages/kit/src/config.ts'
import { DEVELOPMENT_COOKIE_KEY, DEVELOPMENT_RECORDS_API_KEY, loadIdentityConfig } from './config.ts'
import { generateSigningKey } from './signing-keys/keys.ts'

const strongKey = 'k'.repeat(48)
const production = {
  NODE_ENV: 'production',
  IDENTITY_ISSUER: 'https://identity.education.gov.uk',
  IDENTITY_COOKIE_KEYS: strongKey,
  IDENTITY_RECORDS_API_KEY: 'trs_production-key',
}

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

  it('talks to the local records service with its development key, and needs a real key in production', () => {
    assert.deepEqual(loadIdentityConfig({}).records, { url: 'http://localhost:3001', apiKey: DEVELOPMENT_RECORDS_API_KEY })
    assert.equal(loadIdentityConfig({ IDENTITY_RECORDS_URL: 'https://records.internal' }).records.url, 'https://records.internal')
    assert.match(problemsWith({ IDENTITY_RECORDS_URL: 'records' }).join(), /IDENTITY_RECORDS_URL: must be an http\(s\) URL/)
    const { IDENTITY_RECORDS_API_KEY: _key, ...withoutKey } = production
    assert.match(problemsWith(withoutKey).join(), /IDENTITY_RECORDS_API_KEY: is required in production/)
    assert.match(problemsWith({ ...production, IDENTITY_RECORDS_API_KEY: DEVELOPMENT_RECORDS_API_KEY }).join(), /must not be the development key/)
  })

  it('accepts a fixed email code only outside production and only when also allowed, and refuses to start otherwise', () => {
    const allowed = { IDENTITY_FIXED_EMAIL_CODE: '123456', IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true' }
    assert.equal(loadIdentityConfig({}).fixedEmailCode, undefined)
    assert.equal(loadIdentityConfig({ NODE_ENV: 'test', ...allowed }).fixedEmailCode, '123456')
    assert.match(problemsWith({ IDENTITY_FIXED_EMAIL_CODE: '123456' }).join(), /only accepted with IDENTITY_ALLOW_FIXED_EMAIL_CODE=true/)
    assert.match(problemsWith({ ...allowed, IDENTITY_FIXED_EMAIL_CODE: '12345' }).join(), /must be 6 digits/)
    assert.match(problemsWith({ IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true' }).join(), /is needed when IDENTITY_ALLOW_FIXED_EMAIL_CODE is true/)
    assert.match(problemsWith({ ...production, ...allowed }).join(), /IDENTITY_FIXED_EMAIL_CODE: a fixed email code is never allowed in production/)
    assert.match(problemsWith({ ...production, IDENTITY_ALLOW_FIXED_EMAIL_CODE: 'true' }).join(), /never allowed in production/)
  })

  it('limits code emails and wrong codes by default, and lets a benchmark turn the limits off', () => {
    assert.deepEqual(loadIdentityConfig({}).limits, { codesPerEmail: 5, codesPerIp: 20, wrongCodesPerIp: 20 })
    assert.equal(loadIdentityConfig({ IDENTITY_LIMIT_CODES_PER_IP: '0' }).limits.codesPerIp, 0)
    assert.match(problemsWith({ IDENTITY_LIMIT_WRONG_CODES_PER_IP: '-3' }).join(), /IDENTITY_LIMIT_WRONG_CODES_PER_IP/)
  })

  it('takes GOV.UK Notify template ids from IDENTITY_NOTIFY_TEMPLATE_<NAME>', () => {
    const config = loadIdentityConfig({ IDENTITY_NOTIFY_API_KEY: 'key', IDENTITY_NOTIFY_TEMPLATE_SIGN_IN_CODE: 'f33517ff-2a88-4f6e-b855-c550268ce08a' })
    assert.equal(config.notifyApiKey, 'key')
    assert.deepEqual(config.notifyTemplateIds, { 'sign-in-code': 'f33517ff-2a88-4f6e-b855-c550268ce08a' })
  })

  it('names every bad number', () => {
    assert.match(problemsWith({ IDENTITY_PORT: 'eighty' }).join(), /IDENTITY_PORT/)
    assert.match(problemsWith({ IDENTITY_SIGNING_KEY_ROTATION_DAYS: '-1' }).join(), /IDENTITY_SIGNING_KEY_ROTATION_DAYS/)
    assert.match(problemsWith({ IDENTITY_ALLOW_PRIVATE_CALLBACKS: 'maybe' }).join(), /IDENTITY_ALLOW_PRIVATE_CALLBACKS/)
  })
})
