import { z } from 'zod'
import { environmentName, loadConfig, logLevel, optionalString, port } from '../../../packages/kit/src/config.ts'
import { parseConfiguredSigningKeys, type PrivateJwk } from './signing-keys/keys.ts'

/** Signs cookies on a developer's machine only; production refuses to start with it. */
export const DEVELOPMENT_COOKIE_KEY = 'identity-development-cookie-key-for-local-use-only'
const MINIMUM_COOKIE_KEY_LENGTH = 32

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
    }
  })

function splitKeys(value: string | undefined): string[] {
  return (value ?? '').split(',').map((key) => key.trim()).filter(Boolean)
}

export type IdentityConfig = z.output<typeof schema>
export type KeyRotationSettings = IdentityConfig['keyRotation']
export type { PrivateJwk }

export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  return loadConfig(schema, env)
}
