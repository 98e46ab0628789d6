import { embeddedDataDirectory, openDatabase } from '../../../../packages/kit/src/database.ts'
import { migrate } from '../../../../packages/kit/src/migrations.ts'
import type { IdentityConfig } from '../config.ts'
import { IDENTITY_MIGRATIONS, type IdentityDatabase, type IdentitySchema } from './schema.ts'

/** The service's database as configured, migrated to the current schema. */
export async function openIdentityDatabase(config: Pick<IdentityConfig, 'databaseUrl' | 'dataDir'>): Promise<{ database: IdentityDatabase; applied: string[] }> {
  const database = await openDatabase<IdentitySchema>(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDirectory: embeddedDataDirectory(config.dataDir, 'identity') },
    // The same few dozen statements run on every sign-in and token request: parse and plan each once per connection.
    { preparedStatements: true },
  )
  const applied = await migrate(database, IDENTITY_MIGRATIONS)
  return { database, applied }
}
