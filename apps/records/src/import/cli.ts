import { createReadStream, statSync } from 'node:fs'
import { Transform } from 'node:stream'
import { SingleBar, Presets } from 'cli-progress'
import { systemClock, todayInEngland } from '../../../../packages/kit/src/clock.ts'
import { loadRecordsConfig } from '../config.ts'
import { openRecordsDatabase } from '../database/open.ts'
import { importRecords } from './import-records.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  console.error('Usage: npm run records:import -- FILE.csv')
  process.exit(2)
}
let size: number
try {
  size = statSync(file).size
} catch {
  console.error(`Cannot read ${file}`)
  process.exit(2)
}

const { database } = await openRecordsDatabase(loadRecordsConfig(process.env))
const bar = new SingleBar({ format: 'Importing [{bar}] {percentage}% | {rows} rows read, {imported} imported, {rejected} rejected | {duration}s', hideCursor: true, stream: process.stderr }, Presets.shades_classic)
bar.start(size, 0, { rows: 0, imported: 0, rejected: 0 })
let bytesRead = 0
const counter = new Transform({
  transform(chunk: Buffer, _encoding, done) {
    bytesRead += chunk.length
    done(null, chunk)
  },
})

const started = performance.now()
// Set after the database is closed: closing PGlite resets process.exitCode.
let exitCode = 0
try {
  const report = await importRecords(database.db, createReadStream(file).pipe(counter), {
    actor: `import:${file}`,
    today: todayInEngland(systemClock),
    onProgress: ({ rowsRead, imported, rejected }) => bar.update(bytesRead, { rows: rowsRead, imported, rejected }),
  })
  bar.update(size)
  bar.stop()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (report.fileProblems.length > 0) {
    console.error(`Nothing imported: ${report.fileProblems.join('; ')}`)
    exitCode = 1
  } else {
    for (const rejected of report.rejected) console.error(`line ${rejected.line}: ${rejected.reasons.join('; ')}`)
    console.log(`Imported ${report.imported} teaching records in ${seconds}s; rejected ${report.rejected.length} rows${report.rejected.length > 0 ? ' (listed above with their reasons)' : ''}.`)
    if (report.rejected.length > 0) exitCode = 1
  }
} finally {
  bar.stop()
  await database.close()
}
process.exitCode = exitCode
