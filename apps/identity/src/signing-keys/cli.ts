import { parseArgs } from 'node:util'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { ConfigurationError } from '../../../../packages/kit/src/config.ts'
import { loadIdentityConfig } from '../config.ts'
import { openIdentityDatabase } from '../database/open.ts'
import { keySetAt } from './schedule.ts'
import { loadScheduledKeys, removeSigningKey, scheduleSigningKey } from './store.ts'

const usage = `Usage: node apps/identity/src/signing-keys/cli.ts COMMAND
  list             the stored keys: which signs, which are published
  rotate           publish a new key now; it signs after IDENTITY_SIGNING_KEY_PUBLISH_HOURS
  rotate --now     a new key that signs at once (a key may have leaked; then remove the old one)
  remove KID       withdraw a key at once: tokens it signed stop verifying`

const { positionals, values } = parseArgs({ allowPositionals: true, options: { now: { type: 'boolean' } } })
const [command, kid] = positionals
if (!command || !['list', 'rotate', 'remove'].includes(command) || (command === 'remove' && !kid)) {
  console.error(usage)
  process.exit(2)
}

let config
try {
  config = loadIdentityConfig(process.env)
} catch (error) {
  console.error(error instanceof ConfigurationError ? error.message : error)
  process.exit(2)
}
if (config.signingKeys) {
  console.error('IDENTITY_SIGNING_KEYS is set: the keys come from configuration, and are rotated there (see apps/identity/README.md).')
  process.exit(2)
}

const { database } = await openIdentityDatabase(config)
try {
  if (command === 'rotate') {
    const activatesAt = new Date(systemClock.now().getTime() + (values.now ? 0 : config.keyRotation.publishAheadHours * 60 * 60 * 1000))
    const created = await scheduleSigningKey(database.db, systemClock, { activatesAt, actor: 'cli' })
    console.log(`Created key ${created}; it signs from ${activatesAt.toISOString()}. Running instances pick it up within a minute.`)
  } else if (command === 'remove' && kid) {
    await removeSigningKey(database.db, systemClock, { kid, actor: 'cli' })
    console.log(`Removed key ${kid}. Running instances stop publishing it within a minute.`)
  }
  const keys = await loadScheduledKeys(database.db)
  const set = keySetAt(keys, systemClock.now())
  for (const key of [...keys].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())) {
    const state = key.jwk.kid === set?.signingKid ? 'signing' : set?.keys.some((published) => published.kid === key.jwk.kid) ? 'published' : 'retired'
    console.log(`${key.jwk.kid}  ${state.padEnd(9)}  signs from ${key.activatesAt.toISOString()}`)
  }
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await database.close()
}
