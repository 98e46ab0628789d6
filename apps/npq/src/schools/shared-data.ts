import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * A published data file in ../shared/data/npq beside the repository, for tests to read in place (never copied in).
 * Undefined when that folder is absent, so the tests that need it skip instead of failing.
 */
export function sharedNpqDataFile(name: string): string | undefined {
  const path = fileURLToPath(new URL(`../../../../../shared/data/npq/${name}`, import.meta.url))
  return existsSync(path) ? path : undefined
}
