// npm run bench:import [-- --size 1000000]
// Generates a realistic population as the records CSV, then times the real `npm run records:import` loading it
// into a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local server).
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchDatabaseUrl } from './bench-database.ts'
import { writePopulationCsv } from './population/csv.ts'

const { values } = parseArgs({ options: { size: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '2026' } } })
const size = Number(values.size)
const file = join(tmpdir(), `records-bench-${size}.csv`)

const written = await writePopulationCsv(file, { size, seed: Number(values.seed) })
console.log(`generated ${written.rows.toLocaleString('en-GB')} records as CSV in ${(written.milliseconds / 1000).toFixed(1)}s (${file})`)

const { url } = await benchDatabaseUrl('records_import_bench', { keep: false })
const started = performance.now()
const run = spawnSync(process.execPath, ['apps/records/src/import/cli.ts', file], {
  env: { ...process.env, RECORDS_DATABASE_URL: url, NODE_ENV: 'production' },
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
})
const seconds = (performance.now() - started) / 1000
const rejectedLines = (run.stderr ?? '').split('\n').filter((line) => line.startsWith('line ')).length
console.log(`records:import of ${size.toLocaleString('en-GB')} rows into PostgreSQL: ${seconds.toFixed(1)}s, ${Math.round(size / seconds).toLocaleString('en-GB')} rows/s, exit code ${run.status}, ${rejectedLines} rejected rows`)
