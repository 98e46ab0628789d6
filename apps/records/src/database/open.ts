import { embeddedDataDirectory, openDatabase } from '../../../../packages/kit/src/database.ts'
import { migrate } from '../../../../packages/kit/src/migrations.ts'
import type { RecordsConfig } from '../config.ts'
import { MIGRATIONS_FOLDER, type RecordsDatabase, type RecordsSchema } from './schema.ts'

/** The service's database as configured, migrated to the current schema. */
export async function openRecordsDatabase(config: Pick<RecordsConfig, 'databaseUrl' | 'dataDir'>): Promise<{ database: RecordsDatabase; applied: string[] }> {
  const database = await openDatabase<RecordsSchema>(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDirectory: embeddedDataDirectory(config.dataDir, 'records') },
  )
  const applied = await migrate(database, MIGRATIONS_FOLDER)
  return { database, applied }
}
