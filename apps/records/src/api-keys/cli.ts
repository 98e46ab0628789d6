import { parseArgs } from 'node:util'
import { loadRecordsConfig } from '../config.ts'
import { openRecordsDatabase } from '../database/open.ts'
import { API_ROLES, createApiKey, isApiRole } from './keys.ts'

const usage = `Usage: npm run records:api-key -- --name NAME --roles ${API_ROLES.join(',')} [--per-minute 1000]`

async function main() {
  const { values } = parseArgs({ options: { name: { type: 'string' }, roles: { type: 'string' }, 'per-minute': { type: 'string' } } })
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
    process.exit(2)
  }
  const { database } = await openRecordsDatabase(loadRecordsConfig(process.env))
  try {
    const existing = await database.db.selectFrom('api_keys').select('id').where('name', '=', name).executeTakeFirst()
    if (existing) {
      console.error(`An API key named "${name}" already exists; choose another name.`)
      process.exitCode = 2
      return
    }
    const { key } = await createApiKey(database.db, { name, roles: roles.filter(isApiRole), ...(perMinute ? { requestsPerMinute: perMinute } : {}) })
    console.log(`Created API key "${name}" with roles ${roles.join(', ')}. It is shown only now; store it safely:`)
    console.log(key)
  } finally {
    await database.close()
  }
}

await main()
