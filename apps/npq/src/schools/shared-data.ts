import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the published data may be: SHARED_DATA_DIR, ../shared/data beside the repository, or the workplace's copy. */
function sharedDataFolders(): string[] {
  return [process.env.SHARED_DATA_DIR, fileURLToPath(new URL('../../../../../shared/data', import.meta.url)), '/work/shared/data'].filter(
    (folder): folder is string => typeof folder === 'string' && folder.length > 0,
  )
}

/**
 * A published data file in shared/data/npq, for tests to read in place (never copied in). Undefined when no copy of
 * that folder is on this machine, so the tests that need it skip (saying why) instead of failing.
 */
export function sharedNpqDataFile(name: string): string | undefined {
  return sharedDataFolders()
    .map((folder) => join(folder, 'npq', name))
    .find((path) => existsSync(path))
}
