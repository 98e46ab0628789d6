import { parseArgs } from 'node:util'
import { loadRecordsConfig } from '../config.ts'
import { openRecordsDatabase } from '../database/open.ts'
import { API_ROLES, createApiKey, isApiRole } from './keys.ts'

const usage = `Usage: npm run records:api-key -- --name NAME --roles ${API_ROLES.join(',')} [--per-minute 1000]
       npm run records:api-key -- --revoke NAME`

// Each command returns its exit code, set only after the database is closed: closing PGlite resets process.exitCode.

async function revoke(name: string): Promise<number> {
  const { database } = await openRecordsDatabase(loadRecordsConfig(process.env))
  try {
    const revoked = await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('name', '=', name).where('revoked_at', 'is', null).returning('id').execute()
    if (revoked.length === 0) {
      console.error(`There is no active API key named "${name}".`)
      return 2
    }
    console.log(`Revoked the API key "${name}"; requests using it now get 401.`)
    return 0
  } finally {
    await database.close()
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, roles: { type: 'string' }, 'per-minute': { type: 'string' }, revoke: { type: 'string' } } })
  if (values.revoke !== undefined) return revoke(values.revoke.trim())
  const name = values.name?.trim()
  const roles = (values.roles ?? '').split(',').map((role) => role.trim()).filter(Boolean)
  const perMinute = values['per-minute'] === undefined ? undefined : Number(values['per-minute'])
  const problems = [
    ...(name ? [] : ['--name is required']),
    ...(roles.length === 0 ? ['--roles is required'] : []),
    ...roles.filter((role) => !isApiRole(role)).map((role) => `unknown role "${role}" (roles: ${API_ROLES.join(', ')})`),
    ...(perMinute !== undefined && !(Number.isInteger(perMinute) && perMinute > 0) ? ['--per-minute must be a whole number above 0'] : []),
  ]
  if (problems.length > 0 || !name) {
    console.error(`${problems.join('\n')}\n${usage}`)
    return 2
  }
  const { database } = await openRecordsDatabase(loadRecordsConfig(process.env))
  try {
    const existing = await database.db.selectFrom('api_keys').select('id').where('name', '=', name).executeTakeFirst()
    if (existing) {
      console.error(`An API key named "${name}" already exists; choose another name.`)
      return 2
    }
    const { key } = await createApiKey(database.db, { name, roles: roles.filter(isApiRole), ...(perMinute ? { requestsPerMinute: perMinute } : {}) })
    console.log(`Created API key "${name}" with roles ${roles.join(', ')}. It is shown only now; store it safely:`)
    console.log(key)
    return 0
  } finally {
    await database.close()
  }
}

process.exitCode = await main()
