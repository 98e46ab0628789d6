import { accessSync, constants, createReadStream, statSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { loadNpqConfig } from '../config.ts'
import { openNpqDatabase } from '../database/open.ts'
import { CsvFileError } from '../schools/csv-rows.ts'
import { importEligibilityLists } from './eligibility-lists.ts'
import type { EligibilityListTables } from './schema.ts'

const KEEP_GOOD_ROWS = '--keep-good-rows'
const args = process.argv.slice(2)
const keepGoodRows = args.includes(KEEP_GOOD_ROWS)
const files = args.filter((arg) => arg !== KEEP_GOOD_ROWS)
const file = files[0]
if (!file || files.length > 1) {
  console.error(`Usage: npm run npq:import-eligibility-lists -- FILE.csv [${KEEP_GOOD_ROWS}]`)
  console.error('  FILE.csv has the header type,identifier,identifier_type; each list type in it replaces that whole list.')
  console.error(`  A file with a rejected row changes nothing, unless ${KEEP_GOOD_ROWS} is given.`)
  process.exit(2)
}
try {
  accessSync(file, constants.R_OK)
  if (!statSync(file).isFile()) throw new Error('not a file')
} catch {
  console.error(`Cannot read ${file}`)
  process.exit(2)
}

const { database } = await openNpqDatabase(loadNpqConfig(process.env))
// Set after the database is closed: closing PGlite resets process.exitCode.
let exitCode = 0
try {
  const report = await importEligibilityLists(database.db as unknown as Kysely<EligibilityListTables>, createReadStream(file), { keepGoodRows })
  for (const rejected of report.rejected) console.error(`line ${rejected.line}: ${rejected.reasons.join('; ')}`)
  if (!report.applied) {
    console.error(`Nothing changed: ${report.rejected.length} rows were rejected (listed above). Fix them, or run again with ${KEEP_GOOD_ROWS}.`)
    exitCode = 1
  } else {
    for (const [listType, count] of Object.entries(report.replaced)) console.log(`${listType}: ${count} entries`)
    console.log(`Replaced ${Object.keys(report.replaced).length} lists; rejected ${report.rejected.length} rows.`)
    if (report.rejected.length > 0) exitCode = 1
  }
} catch (error) {
  if (!(error instanceof CsvFileError)) throw error
  console.error(`Nothing changed. ${error.message}`)
  exitCode = 1
} finally {
  await database.close()
}
process.exitCode = exitCode
