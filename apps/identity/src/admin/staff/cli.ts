import { parseArgs } from 'node:util'
import { systemClock } from '../../../../../packages/kit/src/clock.ts'
import { ConfigurationError } from '../../../../../packages/kit/src/config.ts'
import { loadIdentityConfig } from '../../config.ts'
import { openIdentityDatabase } from '../../database/open.ts'
import { addStaff, StaffError, staffProblems } from './staff-users.ts'

const usage = `Usage: npm run identity:staff -- --email EMAIL --name "NAME" --roles support,admin
Adds a member of staff who can sign in to the support console at /admin with a code emailed to EMAIL.
Roles: support (the support queue and people's accounts), admin (also clients, staff and webhooks).
Prints one JSON line: {"id":"...","email":"...","name":"...","roles":[...]}.`

function fail(problems: string[]): never {
  console.error(`${problems.join('\n')}\n\n${usage}`)
  process.exit(2)
}

function parse(): { email: string; name: string; roles: string[] } {
  let parsed
  try {
    parsed = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' } } })
  } catch (error) {
    fail([(error as Error).message])
  }
  const { values } = parsed
  const missing = (['email', 'name', 'roles'] as const).filter((option) => !values[option]?.trim()).map((option) => `--${option} is required`)
  if (missing.length > 0) fail(missing)
  const input = {
    email: values.email ?? '',
    name: values.name ?? '',
    roles: (values.roles ?? '').split(',').map((role) => role.trim()).filter(Boolean),
  }
  const problems = staffProblems(input)
  if (problems.length > 0) fail(problems.map((problem) => problem.message))
  return input
}

async function main() {
  const input = parse()
  let config
  try {
    config = loadIdentityConfig(process.env)
  } catch (error) {
    fail([error instanceof ConfigurationError ? error.message : String(error)])
  }
  const { database } = await openIdentityDatabase(config)
  let refused: StaffError | undefined
  try {
    const staff = await addStaff(database.db, systemClock, input, { by: 'cli' })
    console.log(JSON.stringify({ id: staff.id, email: staff.email, name: staff.name, roles: staff.roles }))
  } catch (error) {
    if (!(error instanceof StaffError)) throw error
    refused = error
  } finally {
    await database.close()
  }
  // After closing the database, which would otherwise reset the exit code.
  if (refused) fail(refused.problems.map((problem) => problem.message))
}

await main()
