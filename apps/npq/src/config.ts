import { z } from 'zod'
import { environmentName, loadConfig, logLevel, optionalString, port } from '../../../packages/kit/src/config.ts'
import { notifyTemplateIdsFromEnv } from '../../../packages/kit/src/email/configure.ts'
import { NPQ_EMAILS } from './emails.ts'

/** Development values, published in the README; production refuses every one of them. */
export const DEVELOPMENT_SESSION_SECRET = 'npq-development-session-secret-for-local-use-only'
export const DEVELOPMENT_IDENTITY_CLIENT_ID = 'register-for-an-npq'
export const DEVELOPMENT_IDENTITY_CLIENT_SECRET = 'npq-development-secret-for-local-use-only'
/** Hex of "npq-development-webhook-secret!!": the identity service's demo seed subscribes us with this secret. */
export const DEVELOPMENT_WEBHOOK_SECRET = '6e70712d646576656c6f706d656e742d776562686f6f6b2d7365637265742121'
const MINIMUM_SECRET_LENGTH = 32

const schema = z
  .object({
    NODE_ENV: environmentName,
    NPQ_PORT: port(3002),
    NPQ_DATABASE_URL: optionalString(),
    DATABASE_URL: optionalString(),
    DATA_DIR: z.preprocess((value) => (value === '' ? undefined : value), z.string().default('./data')),
    LOG_LEVEL: logLevel,
    NPQ_BASE_URL: optionalString(),
    NPQ_SESSION_SECRETS: optionalString(),
    NPQ_IDENTITY_ISSUER: optionalString(),
    NPQ_IDENTITY_CLIENT_ID: optionalString(),
    NPQ_IDENTITY_CLIENT_SECRET: optionalString(),
    NPQ_IDENTITY_WEBHOOK_SECRETS: optionalString(),
    NPQ_NOTIFY_API_KEY: optionalString(),
  })
  .superRefine((env, context) => {
    const production = env.NODE_ENV === 'production'
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })
    const httpUrl = (name: 'NPQ_BASE_URL' | 'NPQ_IDENTITY_ISSUER') => {
      const value = env[name]
      if (value === undefined) {
        if (production) problem(name, 'is required in production (an https URL)')
        return
      }
      const url = URL.parse(value)
      if (!url || !['http:', 'https:'].includes(url.protocol)) problem(name, 'must be an http(s) URL')
      else if (url.search || url.hash) problem(name, 'must not have a query string or fragment')
      else if (production && url.protocol !== 'https:') problem(name, 'must use https in production')
    }
    httpUrl('NPQ_BASE_URL')
    httpUrl('NPQ_IDENTITY_ISSUER')

    const secrets = (name: 'NPQ_SESSION_SECRETS' | 'NPQ_IDENTITY_WEBHOOK_SECRETS', development: string) => {
      const values = splitList(env[name])
      if (production && values.length === 0) problem(name, 'is required in production (comma-separated random strings, newest first)')
      for (const value of values) {
        if (production && value === development) problem(name, 'must not contain the development value in production')
        else if (value.length < MINIMUM_SECRET_LENGTH) problem(name, `each value must be at least ${MINIMUM_SECRET_LENGTH} characters`)
      }
    }
    secrets('NPQ_SESSION_SECRETS', DEVELOPMENT_SESSION_SECRET)
    secrets('NPQ_IDENTITY_WEBHOOK_SECRETS', DEVELOPMENT_WEBHOOK_SECRET)

    if (production && !env.NPQ_IDENTITY_CLIENT_ID) problem('NPQ_IDENTITY_CLIENT_ID', 'is required in production (from npm run identity:client)')
    if (production && !env.NPQ_IDENTITY_CLIENT_SECRET) problem('NPQ_IDENTITY_CLIENT_SECRET', 'is required in production (from npm run identity:client)')
    if (production && env.NPQ_IDENTITY_CLIENT_SECRET === DEVELOPMENT_IDENTITY_CLIENT_SECRET) {
      problem('NPQ_IDENTITY_CLIENT_SECRET', 'must not be the development secret in production')
    }
  })
  .transform((env) => {
    const port = env.NPQ_PORT
    const sessionSecrets = splitList(env.NPQ_SESSION_SECRETS)
    const webhookSecrets = splitList(env.NPQ_IDENTITY_WEBHOOK_SECRETS)
    return {
      environment: env.NODE_ENV,
      port,
      databaseUrl: env.NPQ_DATABASE_URL ?? env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      logLevel: env.LOG_LEVEL,
      baseUrl: (env.NPQ_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      sessionSecrets: sessionSecrets.length > 0 ? sessionSecrets : [DEVELOPMENT_SESSION_SECRET],
      identity: {
        issuer: (env.NPQ_IDENTITY_ISSUER ?? 'http://localhost:3000').replace(/\/+$/, ''),
        clientId: env.NPQ_IDENTITY_CLIENT_ID ?? DEVELOPMENT_IDENTITY_CLIENT_ID,
        clientSecret: env.NPQ_IDENTITY_CLIENT_SECRET ?? DEVELOPMENT_IDENTITY_CLIENT_SECRET,
        webhookSecrets: webhookSecrets.length > 0 ? webhookSecrets : [DEVELOPMENT_WEBHOOK_SECRET],
      },
      notifyApiKey: env.NPQ_NOTIFY_API_KEY,
    }
  })

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean)
}

export type NpqConfig = z.output<typeof schema> & {
  /** GOV.UK Notify template ids by our template name (`NPQ_NOTIFY_TEMPLATE_APPLICATION_SUBMITTED`...). */
  notifyTemplateIds: Record<string, string>
}

export function loadNpqConfig(env: NodeJS.ProcessEnv): NpqConfig {
  return { ...loadConfig(schema, env), notifyTemplateIds: notifyTemplateIdsFromEnv(env, 'NPQ_', NPQ_EMAILS) }
}
