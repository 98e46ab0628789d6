import { z } from 'zod'
import { environmentName, loadConfig, logLevel, optionalString, port } from '../../../packages/kit/src/config.ts'
import { notifyTemplateIdsFromEnv } from '../../../packages/kit/src/email/configure.ts'
import { SERVICE_EMAILS } from './emails.ts'
import { parseConfiguredSigningKeys, type PrivateJwk } from './signing-keys/keys.ts'

/** Signs cookies on a developer's machine only; production refuses to start with it. */
export const DEVELOPMENT_COOKIE_KEY = 'identity-development-cookie-key-for-local-use-only'
const MINIMUM_COOKIE_KEY_LENGTH = 32
/** The records service's development key (its demo seed creates it); production refuses it. */
export const DEVELOPMENT_RECORDS_API_KEY = 'trs_development-key-for-local-use-only-0000000000'

const booleanFlag = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
)

const schema = z
  .object({
    NODE_ENV: environmentName,
    IDENTITY_PORT: port(3000),
    IDENTITY_DATABASE_URL: optionalString(),
    DATABASE_URL: optionalString(),
    DATA_DIR: z.preprocess((value) => (value === '' ? undefined : value), z.string().default('./data')),
    LOG_LEVEL: logLevel,
    IDENTITY_ISSUER: optionalString(),
    IDENTITY_COOKIE_KEYS: optionalString(),
    IDENTITY_SIGNING_KEYS: optionalString(),
    IDENTITY_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
    IDENTITY_SIGNING_KEY_PUBLISH_HOURS: z.coerce.number().int().min(0).max(24 * 30).default(24),
    IDENTITY_ALLOW_PRIVATE_CALLBACKS: booleanFlag,
    IDENTITY_RECORDS_URL: optionalString(),
    IDENTITY_RECORDS_API_KEY: optionalString(),
    IDENTITY_NOTIFY_API_KEY: optionalString(),
    IDENTITY_FIXED_EMAIL_CODE: optionalString(),
    IDENTITY_ALLOW_FIXED_EMAIL_CODE: booleanFlag,
    IDENTITY_LIMIT_CODES_PER_EMAIL: limit(5),
    IDENTITY_LIMIT_CODES_PER_IP: limit(20),
    IDENTITY_LIMIT_WRONG_CODES_PER_IP: limit(20),
  })
  .superRefine((env, context) => {
    const production = env.NODE_ENV === 'production'
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })

    if (production && !env.IDENTITY_ISSUER) problem('IDENTITY_ISSUER', 'is required in production (the public https URL of this service)')
    if (env.IDENTITY_ISSUER) {
      const issuer = URL.parse(env.IDENTITY_ISSUER)
      if (!issuer || !['http:', 'https:'].includes(issuer.protocol)) problem('IDENTITY_ISSUER', 'must be an http(s) URL')
      else if (issuer.search || issuer.hash) problem('IDENTITY_ISSUER', 'must not have a query string or fragment')
      else if (production && issuer.protocol !== 'https:') problem('IDENTITY_ISSUER', 'must use https in production')
    }

    const cookieKeys = splitKeys(env.IDENTITY_COOKIE_KEYS)
    if (production && cookieKeys.length === 0) problem('IDENTITY_COOKIE_KEYS', 'is required in production (comma-separated random strings, newest first)')
    for (const key of cookieKeys) {
      if (key === DEVELOPMENT_COOKIE_KEY && production) problem('IDENTITY_COOKIE_KEYS', 'must not contain the development key in production')
      else if (key.length < MINIMUM_COOKIE_KEY_LENGTH) problem('IDENTITY_COOKIE_KEYS', `each key must be at least ${MINIMUM_COOKIE_KEY_LENGTH} characters`)
    }

    if (env.IDENTITY_RECORDS_URL) {
      const records = URL.parse(env.IDENTITY_RECORDS_URL)
      if (!records || !['http:', 'https:'].includes(records.protocol)) problem('IDENTITY_RECORDS_URL', 'must be an http(s) URL')
    }
    if (production && !env.IDENTITY_RECORDS_API_KEY) problem('IDENTITY_RECORDS_API_KEY', 'is required in production (a records service key with the match and read roles)')
    if (production && env.IDENTITY_RECORDS_API_KEY === DEVELOPMENT_RECORDS_API_KEY) problem('IDENTITY_RECORDS_API_KEY', 'must not be the development key in production')

    // A code everyone knows signs anyone in: only for tests and benchmarks, and only when asked for twice over.
    if (env.IDENTITY_FIXED_EMAIL_CODE !== undefined || env.IDENTITY_ALLOW_FIXED_EMAIL_CODE) {
      if (production) problem('IDENTITY_FIXED_EMAIL_CODE', 'a fixed email code is never allowed in production')
      else if (env.IDENTITY_FIXED_EMAIL_CODE === undefined) problem('IDENTITY_FIXED_EMAIL_CODE', 'is needed when IDENTITY_ALLOW_FIXED_EMAIL_CODE is true')
      else if (!/^\d{6}$/.test(env.IDENTITY_FIXED_EMAIL_CODE)) problem('IDENTITY_FIXED_EMAIL_CODE', 'must be 6 digits')
      else if (!env.IDENTITY_ALLOW_FIXED_EMAIL_CODE) problem('IDENTITY_FIXED_EMAIL_CODE', 'is only accepted with IDENTITY_ALLOW_FIXED_EMAIL_CODE=true')
    }

    if (env.IDENTITY_SIGNING_KEYS) {
      try {
        parseConfiguredSigningKeys(env.IDENTITY_SIGNING_KEYS)
      } catch (error) {
        problem('IDENTITY_SIGNING_KEYS', (error as Error).message)
      }
    }
  })
  .transform((env) => {
    const production = env.NODE_ENV === 'production'
    const cookieKeys = splitKeys(env.IDENTITY_COOKIE_KEYS)
    const port = env.IDENTITY_PORT
    return {
      environment: env.NODE_ENV,
      port,
      databaseUrl: env.IDENTITY_DATABASE_URL ?? env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      logLevel: env.LOG_LEVEL,
      issuer: (env.IDENTITY_ISSUER ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      cookieKeys: cookieKeys.length > 0 ? cookieKeys : [DEVELOPMENT_COOKIE_KEY],
      signingKeys: env.IDENTITY_SIGNING_KEYS ? parseConfiguredSigningKeys(env.IDENTITY_SIGNING_KEYS) : undefined,
      keyRotation: {
        rotateAfterDays: env.IDENTITY_SIGNING_KEY_ROTATION_DAYS,
        publishAheadHours: env.IDENTITY_SIGNING_KEY_PUBLISH_HOURS,
      },
      allowPrivateCallbacks: env.IDENTITY_ALLOW_PRIVATE_CALLBACKS ?? !production,
      records: {
        url: env.IDENTITY_RECORDS_URL ?? 'http://localhost:3001',
        apiKey: env.IDENTITY_RECORDS_API_KEY ?? DEVELOPMENT_RECORDS_API_KEY,
      },
      notifyApiKey: env.IDENTITY_NOTIFY_API_KEY,
      fixedEmailCode: production ? undefined : env.IDENTITY_FIXED_EMAIL_CODE,
      limits: {
        codesPerEmail: env.IDENTITY_LIMIT_CODES_PER_EMAIL,
        codesPerIp: env.IDENTITY_LIMIT_CODES_PER_IP,
        wrongCodesPerIp: env.IDENTITY_LIMIT_WRONG_CODES_PER_IP,
      },
    }
  })

/** Attempts per 10 minutes; 0 turns the limit off (benchmarks driving every request from one address). */
function limit(defaultValue: number) {
  return z.coerce.number().int().min(0).max(1_000_000).default(defaultValue)
}

function splitKeys(value: string | undefined): string[] {
  return (value ?? '').split(',').map((key) => key.trim()).filter(Boolean)
}

export type KeyRotationSettings = IdentityConfig['keyRotation']
export type { PrivateJwk }

export type IdentityConfig = z.output<typeof schema> & {
  /** GOV.UK Notify template ids by our template name (`IDENTITY_NOTIFY_TEMPLATE_SIGN_IN_CODE`...). */
  notifyTemplateIds: Record<string, string>
}

export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  return { ...loadConfig(schema, env), notifyTemplateIds: notifyTemplateIdsFromEnv(env, 'IDENTITY_', SERVICE_EMAILS) }
}
