// Generate a synthetic population, time it, and optionally write the records CSV and a JSON-lines query file.
//
//   node scripts/bench/population/cli.ts --size 1000000 --seed 42
//   node scripts/bench/population/cli.ts --size 100000 --csv data/people.csv --queries 10000 --queries-out data/queries.jsonl
//   node scripts/bench/population/cli.ts --size 1000000 --stats
//
// Timing covers in-process generation only (iterating the stream), not writing files.

import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { writePopulationCsv } from './csv.ts'
import { generatePopulation, type GeneratedPerson } from './generate.ts'
import { generateQueries } from './queries.ts'
import { summarisePopulation } from './stats.ts'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    csv: { type: 'string' },
    stats: { type: 'boolean', default: false },
    queries: { type: 'string' },
    'queries-out': { type: 'string' },
    'outsider-share': { type: 'string', default: '0.1' },
  },
})

const size = Number(values.size)
const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed
const needPeople = values.stats || values.queries !== undefined

const started = performance.now()
const people: GeneratedPerson[] = []
let count = 0
for (const person of generatePopulation({ size, seed })) {
  count++
  if (needPeople) people.push(person)
}
const seconds = (performance.now() - started) / 1000
console.log(`generated ${count.toLocaleString('en-GB')} people in ${seconds.toFixed(2)} s (${Math.round(count / seconds).toLocaleString('en-GB')} per second)`)

if (values.stats) {
  const summary = summarisePopulation(people)
  console.log(JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(4)) : value), 2))
}

if (values.csv) {
  const result = await writePopulationCsv(values.csv, needPeople ? { people } : { size, seed })
  console.log(`wrote ${result.rows.toLocaleString('en-GB')} rows to ${result.path} in ${(result.milliseconds / 1000).toFixed(2)} s`)
}

if (values.queries !== undefined) {
  const queryStarted = performance.now()
  const queries = generateQueries({ population: people, count: Number(values.queries), seed, outsiderShare: Number(values['outsider-share']) })
  console.log(`generated ${queries.length.toLocaleString('en-GB')} queries in ${((performance.now() - queryStarted) / 1000).toFixed(2)} s`)
  const out = values['queries-out']
  if (out) {
    const stream = createWriteStream(out)
    for (const { subject: _subject, ...query } of queries) {
      if (!stream.write(`${JSON.stringify(query)}\n`)) await once(stream, 'drain')
    }
    stream.end()
    await once(stream, 'finish')
    console.log(`wrote queries to ${out}`)
  }
}
