import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { ConfigurationError } from '../../../../packages/kit/src/config.ts'
import { loadIdentityConfig } from '../config.ts'
import { openIdentityDatabase } from '../database/open.ts'
import type { ClientAuthMethod, ClientGrantType } from '../database/schema.ts'
import { ClientRegistrationError, registerClient, registrationProblems, type NewClient } from './clients.ts'

const usage = `Usage: npm run identity:client -- --name NAME --redirect-uri URI [--redirect-uri URI ...]
  [--scopes "openid email profile trn"] [--trn-required] [--match-policy default|strict]
  [--raise-support-tickets] [--block-prohibited-teachers]
  [--post-logout-redirect-uri URI ...] [--backchannel-logout-uri URI]
  [--grant-types authorization_code,refresh_token,client_credentials] [--client-id ID]
  [--auth-method client_secret_basic|client_secret_post|private_key_jwt] [--jwks-uri URI | --jwks FILE]
Prints one JSON line: {"client_id":"...","client_secret":"..."}. The secret is shown only once.`

function fail(problems: string[]): never {
  console.error(`${problems.join('\n')}\n\n${usage}`)
  process.exit(2)
}

function parse(): NewClient {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        name: { type: 'string' },
        'client-id': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'post-logout-redirect-uri': { type: 'string', multiple: true },
        'backchannel-logout-uri': { type: 'string' },
        scopes: { type: 'string' },
        'grant-types': { type: 'string' },
        'trn-required': { type: 'boolean' },
        'match-policy': { type: 'string' },
        'raise-support-tickets': { type: 'boolean' },
        'block-prohibited-teachers': { type: 'boolean' },
        'auth-method': { type: 'string' },
        'jwks-uri': { type: 'string' },
        jwks: { type: 'string' },
      },
    })
  } catch (error) {
    fail([(error as Error).message])
  }
  const { values } = parsed
  const problems: string[] = []
  if (!values.name?.trim()) problems.push('--name is required')
  const matchPolicy = values['match-policy'] ?? 'default'
  if (matchPolicy !== 'default' && matchPolicy !== 'strict') problems.push('--match-policy must be default or strict')
  let jwks: NewClient['jwks']
  if (values.jwks) {
    try {
      jwks = JSON.parse(readFileSync(values.jwks, 'utf8'))
      if (!Array.isArray(jwks?.keys)) throw new Error('no keys')
    } catch {
      problems.push(`--jwks ${values.jwks} must be a readable JSON Web Key Set file`)
    }
  }
  if (problems.length > 0) fail(problems)
  const split = (value: string | undefined, separator: RegExp) => (value ?? '').split(separator).map((item) => item.trim()).filter(Boolean)
  return {
    name: values.name ?? '',
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    redirectUris: values['redirect-uri'] ?? [],
    postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [],
    ...(values['backchannel-logout-uri'] ? { backchannelLogoutUri: values['backchannel-logout-uri'] } : {}),
    scopes: split(values.scopes ?? 'openid email profile trn', /\s+/),
    grantTypes: split(values['grant-types'] ?? 'authorization_code', /,/) as ClientGrantType[],
    trnRequirement: values['trn-required'] ? 'required' : 'optional',
    trnMatchPolicy: matchPolicy as 'default' | 'strict',
    raiseTrnSupportTickets: values['raise-support-tickets'] ?? false,
    blockProhibitedTeachers: values['block-prohibited-teachers'] ?? false,
    ...(values['auth-method'] ? { authMethod: values['auth-method'] as ClientAuthMethod } : {}),
    ...(values['jwks-uri'] ? { jwksUri: values['jwks-uri'] } : {}),
    ...(jwks ? { jwks } : {}),
  }
}

async function main() {
  const client = parse()
  let config
  try {
    config = loadIdentityConfig(process.env)
  } catch (error) {
    fail([error instanceof ConfigurationError ? error.message : String(error)])
  }
  const requireHttps = config.environment === 'production'
  const problems = registrationProblems(client, { requireHttps })
  if (problems.length > 0) fail(problems)
  const { database } = await openIdentityDatabase(config)
  try {
    const { clientId, clientSecret } = await registerClient(database.db, systemClock, client, { actor: 'cli', requireHttps })
    console.log(JSON.stringify({ client_id: clientId, client_secret: clientSecret }))
  } catch (error) {
    if (error instanceof ClientRegistrationError) {
      console.error(error.problems.join('\n'))
      process.exitCode = 2
      return
    }
    throw error
  } finally {
    await database.close()
  }
}

await main()
