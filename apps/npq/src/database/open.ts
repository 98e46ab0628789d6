import { embeddedDataDirectory, openDatabase } from '../../../../packages/kit/src/database.ts'
import { migrate } from '../../../../packages/kit/src/migrations.ts'
import type { NpqConfig } from '../config.ts'
import { NPQ_MIGRATIONS, type NpqDatabase, type NpqSchema } from './schema.ts'

/** The service's database as configured, migrated to the current schema. */
export async function openNpqDatabase(config: Pick<NpqConfig, 'databaseUrl' | 'dataDir'>): Promise<{ database: NpqDatabase; applied: string[] }> {
  const database = await openDatabase<NpqSchema>(config.databaseUrl ? { url: config.databaseUrl } : { dataDirectory: embeddedDataDirectory(config.dataDir, 'npq') })
  const applied = await migrate(database, NPQ_MIGRATIONS)
  return { database, applied }
}
