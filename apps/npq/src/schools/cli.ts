import { accessSync, constants, createReadStream, statSync } from 'node:fs'
import { Transform } from 'node:stream'
import { SingleBar, Presets } from 'cli-progress'
import type { Kysely } from 'kysely'
import { loadNpqConfig } from '../config.ts'
import { openNpqDatabase } from '../database/open.ts'
import { CsvFileError } from './csv-rows.ts'
import { importSchools } from './import-schools.ts'
import type { SchoolTables } from './schema.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  console.error('Usage: npm run npq:import-schools -- FILE.csv  (a GIAS establishments export)')
  process.exit(2)
}
let size = 0
try {
  accessSync(file, constants.R_OK)
  const stats = statSync(file)
  if (!stats.isFile()) throw new Error('not a file')
  size = stats.size
} catch {
  console.error(`Cannot read ${file}`)
  process.exit(2)
}

const { database } = await openNpqDatabase(loadNpqConfig(process.env))
const bar = new SingleBar(
  { format: 'Importing [{bar}] {percentage}% | {rows} rows read, {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected', hideCursor: true, stream: process.stderr },
  Presets.shades_classic,
)
bar.start(size, 0, { rows: 0, added: 0, updated: 0, unchanged: 0, rejected: 0 })
let bytesRead = 0
const counter = new Transform({
  transform(chunk: Buffer, _encoding, done) {
    bytesRead += chunk.length
    done(null, chunk)
  },
})

/** The file, counted as it is read; a read error reaches the importer instead of leaving it waiting. */
function readable(path: string) {
  const stream = createReadStream(path)
  stream.on('error', (error) => counter.destroy(error))
  return stream.pipe(counter)
}

const started = performance.now()
// Set after the database is closed: closing PGlite resets process.exitCode.
let exitCode = 0
try {
  const report = await importSchools(database.db as unknown as Kysely<SchoolTables>, readable(file), {
    onProgress: ({ rowsRead, added, updated, unchanged, rejected }) => bar.update(bytesRead, { rows: rowsRead, added, updated, unchanged, rejected }),
  })
  bar.update(size)
  bar.stop()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  for (const rejected of report.rejected) console.error(`line ${rejected.line}: ${rejected.reasons.join('; ')}`)
  console.log(
    `Imported establishments in ${seconds}s: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged; ` +
      `rejected ${report.rejected.length} rows${report.rejected.length > 0 ? ' (listed above with their reasons)' : ''}.`,
  )
  if (report.rejected.length > 0) exitCode = 1
} catch (error) {
  if (!(error instanceof CsvFileError)) throw error
  bar.stop()
  console.error(`Nothing imported. ${error.message}`)
  exitCode = 1
} finally {
  bar.stop()
  await database.close()
}
process.exitCode = exitCode
