// Records CSV for the import: one row per generated person, RFC 4180 quoting.

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { KNOWN_COLUMNS } from '../../../apps/records/src/import/record-row.ts'
import { generatePopulation, type GeneratedPerson, type PopulationOptions } from './generate.ts'

/** The import's own column list, so the benchmark's files always match what records:import reads. */
export const CSV_COLUMNS = KNOWN_COLUMNS

export const CSV_HEADER = CSV_COLUMNS.join(',')

/** Quote a field when it holds a comma, quote, CR or LF (or leading/trailing spaces), doubling inner quotes. */
export function csvField(value: string): string {
  if (/[",\r\n]|^\s|\s$/.test(value)) return `"${value.replaceAll('"', '""')}"`
  return value
}

export function csvRow(person: GeneratedPerson): string {
  return [
    person.trn,
    person.firstName,
    person.middleName,
    person.lastName,
    person.previousLastNames.join(';'),
    person.dateOfBirth,
    person.nationalInsuranceNumber ?? '',
    person.email ?? '',
    person.qtsDate ?? '',
    person.eytsDate ?? '',
    person.inductionStatus,
    person.alerts.join(';'),
  ]
    .map(csvField)
    .join(',')
}

export type WriteCsvResult = { path: string; rows: number; milliseconds: number }

/**
 * Writes a population (or any iterable of people) to `path` as the records CSV, header first, LF line endings.
 * Rows are batched and the stream's back-pressure respected, so a million rows take a few seconds and little memory.
 */
export async function writePopulationCsv(
  path: string,
  options: PopulationOptions | { people: Iterable<GeneratedPerson> },
): Promise<WriteCsvResult> {
  const started = performance.now()
  const people = 'people' in options ? options.people : generatePopulation(options)
  const stream = createWriteStream(path, { encoding: 'utf8' })
  const failed = new Promise<never>((_resolve, reject) => stream.once('error', reject))
  failed.catch(() => undefined) // surfaced below
  let rows = 0
  let batch: string[] = [CSV_HEADER]
  const flush = async (): Promise<void> => {
    const chunk = `${batch.join('\n')}\n`
    batch = []
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed])
  }
  for (const person of people) {
    batch.push(csvRow(person))
    rows++
    if (batch.length >= 2000) await flush()
  }
  if (batch.length > 0) await flush()
  stream.end()
  await Promise.race([once(stream, 'finish'), failed])
  return { path, rows, milliseconds: performance.now() - started }
}
