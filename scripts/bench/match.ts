// npm run bench:match [-- --size 1000000 --queries 20000 --seed 2026 --reuse]
// Builds a realistic population in PostgreSQL (BENCH_DATABASE_URL, default the local server), asks the matching
// engine noisy questions from people in it and people not in it, and prints how often it is right, wrong, unsure
// and silent, beside the reference rule (3 of 5 exact agreements) on the same questions, then latency and throughput.
import { createReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase } from '../../packages/kit/src/database.ts'
import { migrate } from '../../packages/kit/src/migrations.ts'
import { MIGRATIONS_FOLDER, type RecordsSchema } from '../../apps/records/src/database/schema.ts'
import { importRecords } from '../../apps/records/src/import/import-records.ts'
import { blockingKeysForQuery } from '../../apps/records/src/matching/blocking.ts'
import { decideMatch } from '../../apps/records/src/matching/decide.ts'
import { nicknamesOf } from '../../apps/records/src/matching/nicknames.ts'
import type { MatchResult } from '../../apps/records/src/matching/types.ts'
import { findCandidates } from '../../apps/records/src/persons/match/find-candidates.ts'
import { benchDatabaseUrl, formatPercent, percentile } from './bench-database.ts'
import { writePopulationCsv } from './population/csv.ts'
import { generatePopulation } from './population/generate.ts'
import { generateQueries, type GeneratedQuery } from './population/queries.ts'
import { referenceRule, type ReferenceOutcome } from './reference-rule.ts'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '2026' },
    concurrency: { type: 'string', default: '8' },
    reuse: { type: 'boolean', default: false },
  },
})
const size = Number(values.size)
const queryCount = Number(values.queries)
const seed = Number(values.seed)
const concurrency = Number(values.concurrency)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`
const log = (line: string) => console.log(line)

// ---- the population -------------------------------------------------------------------------------------------
let started = performance.now()
const population = [...generatePopulation({ size, seed })]
log(`generated ${size.toLocaleString('en-GB')} people in ${seconds(performance.now() - started)}`)

const { url, existed } = await benchDatabaseUrl(`records_match_bench_${size}_${seed}`, { keep: values.reuse })
const database = await openDatabase<RecordsSchema>({ url }, { poolSize: concurrency })
const db = database.db
await migrate(database, MIGRATIONS_FOLDER)
const onRecord = Number((await sql<{ count: string }>`select count(*) as count from persons`.execute(db)).rows[0]?.count ?? 0)
const sample = population.filter((_person, index) => index % Math.max(1, Math.floor(size / 50)) === 0)
const sampleOnRecord = await db.selectFrom('persons').select(['trn', 'first_name', 'last_name', 'date_of_birth']).where('trn', 'in', sample.map((person) => person.trn)).execute()
// A database loaded by an older version of the generator would silently measure the wrong questions.
const sameGenerator =
  sampleOnRecord.length === sample.length &&
  sample.every((person) => sampleOnRecord.some((row) => row.trn === person.trn && row.first_name === person.firstName && row.last_name === person.lastName && row.date_of_birth === person.dateOfBirth))
if (existed && onRecord === size && sameGenerator) {
  log(`reusing the ${onRecord.toLocaleString('en-GB')} records already loaded`)
} else {
  if (onRecord > 0) await sql`truncate persons, alerts, npq_qualifications, person_events, trn_requests`.execute(db)
  const file = join(tmpdir(), `records-match-bench-${size}-${seed}.csv`)
  const written = await writePopulationCsv(file, { people: population })
  log(`wrote them as CSV in ${seconds(written.milliseconds)}`)
  started = performance.now()
  const report = await importRecords(db, createReadStream(file), { actor: 'bench', today: '2026-11-22' })
  const took = performance.now() - started
  log(`imported ${report.imported.toLocaleString('en-GB')} records into PostgreSQL in ${seconds(took)} (${Math.round(report.imported / (took / 1000)).toLocaleString('en-GB')} rows/s), ${report.rejected.length} rejected`)
}

// ---- the questions --------------------------------------------------------------------------------------------
started = performance.now()
const queries = generateQueries({ population, count: queryCount, seed, nicknamesOf })
log(`generated ${queries.length.toLocaleString('en-GB')} queries in ${seconds(performance.now() - started)}`)

type Answered = { query: GeneratedQuery; engine: MatchResult; reference: ReferenceOutcome; ms: number }

async function answer(query: GeneratedQuery): Promise<Answered> {
  const begin = performance.now()
  const { candidates, truncated } = await findCandidates(db, blockingKeysForQuery(query.query))
  const engine = decideMatch(query.query, candidates, { truncated })
  const ms = performance.now() - begin
  return { query, engine, reference: referenceRule(query.query, candidates), ms }
}

// Warm the caches the way a running service would be warm, then measure one request at a time for latency.
for (const query of queries.slice(0, 500)) await answer(query)
const answered: Answered[] = []
for (const query of queries) answered.push(await answer(query))

// Throughput: the same questions from several clients at once.
started = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < queries.length) await answer(queries[next++] as GeneratedQuery)
  }),
)
const throughput = queries.length / ((performance.now() - started) / 1000)
await database.close()

// ---- the figures ----------------------------------------------------------------------------------------------
type Tally = { total: number; correct: number; wrong: number; possible: number; possibleWithRight: number; none: number }
const emptyTally = (): Tally => ({ total: 0, correct: 0, wrong: 0, possible: 0, possibleWithRight: 0, none: 0 })

function tallyEngine(tally: Tally, item: Answered) {
  tally.total++
  const expected = item.query.expectedTrn
  const result = item.engine
  if (result.outcome === 'match') {
    if (result.trn === expected) tally.correct++
    else tally.wrong++
  } else if (result.outcome === 'possible') {
    tally.possible++
    if (result.candidates.some((candidate) => candidate.trn === expected)) tally.possibleWithRight++
  } else tally.none++
}

function tallyReference(tally: Tally, item: Answered) {
  tally.total++
  const expected = item.query.expectedTrn
  const result = item.reference
  if (result.outcome === 'match') {
    if (result.trn === expected) tally.correct++
    else tally.wrong++
  } else if (result.outcome === 'possible') {
    tally.possible++
    if (result.trns.includes(expected ?? '')) tally.possibleWithRight++
  } else tally.none++
}

const groups: Array<{ label: string; test: (query: GeneratedQuery) => boolean }> = [
  { label: 'in records: name, DOB and NINO or TRN', test: (query) => query.expectedTrn !== null && query.hasStrongIdentifier },
  { label: 'in records: name and DOB only', test: (query) => query.expectedTrn !== null && query.kind === 'name-dob' },
  { label: 'in records: name, DOB and email', test: (query) => query.expectedTrn !== null && query.kind === 'name-dob-email' },
  { label: 'in records: everyone', test: (query) => query.expectedTrn !== null },
  { label: 'not in records', test: (query) => query.expectedTrn === null },
]

log('')
log(`Matching quality at ${size.toLocaleString('en-GB')} records, ${queries.length.toLocaleString('en-GB')} queries (engine | reference rule)`)
log('group                                      queries   matched right      matched WRONG      possible (right among them)          none')
for (const group of groups) {
  const engine = emptyTally()
  const reference = emptyTally()
  for (const item of answered) {
    if (!group.test(item.query)) continue
    tallyEngine(engine, item)
    tallyReference(reference, item)
  }
  const pair = (a: number, b: number) => `${formatPercent(a, engine.total)} | ${formatPercent(b, reference.total)}`.padEnd(19)
  log(
    `${group.label.padEnd(42)} ${String(engine.total).padStart(7)}   ${pair(engine.correct, reference.correct)}${pair(engine.wrong, reference.wrong)}${`${pair(engine.possible, reference.possible)}(${formatPercent(engine.possibleWithRight, engine.total)} | ${formatPercent(reference.possibleWithRight, reference.total)})`.padEnd(37)}${pair(engine.none, reference.none)}`,
  )
}

const wrong = answered.filter((item) => item.engine.outcome === 'match' && item.engine.trn !== item.query.expectedTrn)
const missed = answered.filter((item) => item.query.expectedTrn !== null && item.engine.outcome === 'none')
if (wrong.length > 0) log(`\nwrong matches (${wrong.length}), first ones: ${JSON.stringify(wrong.slice(0, 3).map((item) => ({ noise: item.query.noise, query: item.query.query, expected: item.query.expectedTrn, got: item.engine })))}`)
if (missed.length > 0) log(`people on record judged none (${missed.length}), noise of the first ones: ${JSON.stringify(missed.slice(0, 5).map((item) => item.query.noise))}`)

const latencies = answered.map((item) => item.ms).sort((a, b) => a - b)
log('')
log(`Latency per query (find candidates in PostgreSQL + decide), one at a time: p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p95 ${percentile(latencies, 0.95).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms, max ${(latencies.at(-1) ?? 0).toFixed(2)} ms`)
log(`Throughput with ${concurrency} concurrent clients: ${Math.round(throughput).toLocaleString('en-GB')} queries/s`)
