import { z } from 'zod'
import { loadConfig, optionalString } from '../../../../packages/kit/src/config.ts'

/** How to reach the Zendesk account tickets go to; undefined when Zendesk is not configured (the built-in queue). */
export type ZendeskSettings = { subdomain: string; user: string; token: string }

const VARIABLES = ['IDENTITY_ZENDESK_SUBDOMAIN', 'IDENTITY_ZENDESK_USER', 'IDENTITY_ZENDESK_TOKEN'] as const

const schema = z
  .object({
    IDENTITY_ZENDESK_SUBDOMAIN: optionalString(),
    IDENTITY_ZENDESK_USER: optionalString(),
    IDENTITY_ZENDESK_TOKEN: optionalString(),
  })
  .superRefine((env, context) => {
    const set = VARIABLES.filter((name) => env[name] !== undefined)
    if (set.length === 0) return
    for (const name of VARIABLES) {
      if (env[name] === undefined) {
        context.addIssue({ code: 'custom', path: [name], message: `is needed with ${set.join(' and ')}: set all three Zendesk variables, or none for the built-in support queue` })
      }
    }
    const subdomain = env.IDENTITY_ZENDESK_SUBDOMAIN
    // The account name only (`dfe` for dfe.zendesk.com): a URL here would send our token to the wrong host.
    if (subdomain !== undefined && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(subdomain)) {
      context.addIssue({ code: 'custom', path: ['IDENTITY_ZENDESK_SUBDOMAIN'], message: 'must be the Zendesk account name only (for example `dfe` for dfe.zendesk.com), not a URL' })
    }
    const user = env.IDENTITY_ZENDESK_USER
    if (user !== undefined && !/^[^\s@]+@[^\s@]+$/.test(user)) {
      context.addIssue({ code: 'custom', path: ['IDENTITY_ZENDESK_USER'], message: 'must be the email address of the Zendesk agent whose API token this is' })
    }
    if (env.IDENTITY_ZENDESK_TOKEN !== undefined && /\s/.test(env.IDENTITY_ZENDESK_TOKEN)) {
      context.addIssue({ code: 'custom', path: ['IDENTITY_ZENDESK_TOKEN'], message: 'must not contain spaces' })
    }
  })
  .transform((env): ZendeskSettings | undefined =>
    env.IDENTITY_ZENDESK_SUBDOMAIN && env.IDENTITY_ZENDESK_USER && env.IDENTITY_ZENDESK_TOKEN
      ? { subdomain: env.IDENTITY_ZENDESK_SUBDOMAIN.toLowerCase(), user: env.IDENTITY_ZENDESK_USER, token: env.IDENTITY_ZENDESK_TOKEN }
      : undefined,
  )

/**
 * Reads `IDENTITY_ZENDESK_SUBDOMAIN`, `IDENTITY_ZENDESK_USER` and `IDENTITY_ZENDESK_TOKEN`: all three, or none (tickets
 * then go to the built-in support queue). Anything in between throws the kit's ConfigurationError naming each problem.
 */
export function loadZendeskSettings(env: NodeJS.ProcessEnv): ZendeskSettings | undefined {
  return loadConfig(schema, env)
}
