import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'

/** The file cannot be used at all (wrong header, or empty); nothing in it was read into the database. */
export class CsvFileError extends Error {
  readonly problems: string[]
  constructor(kindOfFile: string, problems: string[]) {
    super(`This is not ${kindOfFile}: ${problems.join('; ')}`)
    this.name = 'CsvFileError'
    this.problems = problems
  }
}

export type CsvRow = { line: number; ok: true; record: Record<string, string> } | { line: number; ok: false; reasons: string[] }

export type CsvRowsOptions = {
  /** Named in the error when the header is wrong: "a GIAS establishments file". */
  kindOfFile: string
  /** Problems with the header row (after `column` has tidied each name) that make the file unusable. */
  checkHeader: (columns: string[]) => string[]
  column?: (name: string) => string
}

/**
 * Reads a CSV file with a header row, one record at a time, keyed by column name. Rows that are not CSV, or have
 * a different number of columns from the header, come back rejected with the line they start on, like any other
 * bad row; a wrong header or an empty file throws CsvFileError before any row.
 */
export async function* readCsvRows(input: Readable, options: CsvRowsOptions): AsyncGenerator<CsvRow> {
  let headerProblems: string[] = []
  let sawHeader = false
  const parser = parse({
    columns: (header: string[]) => {
      sawHeader = true
      const columns = header.map((name) => (options.column ?? ((text: string) => text.trim()))(name))
      headerProblems = options.checkHeader(columns)
      if (headerProblems.length > 0) throw new CsvFileError(options.kindOfFile, headerProblems)
      return columns
    },
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // No max_record_size: csv-parse cannot skip an oversized row and carry on (it drops what follows), so one
    // broken quote is left to swallow the rest of the file, which it then rejects as one unreadable row.
    skip_records_with_error: true,
    // Called in file order, like the 'skip' event below: it says where the previous row ended.
    on_record: (record, context) => {
      lastLineRead = context.lines
      return record
    },
  })
  // csv-parse reports the line where it gave up on a row (for an unclosed quote, the end of the file);
  // the person fixing the file needs the line where the row starts.
  let lastLineRead = 1
  const unreadable: CsvRow[] = []
  parser.on('skip', (error: Error & { lines?: number }) => {
    unreadable.push({ line: lastLineRead + 1, ok: false, reasons: [`the row cannot be read as CSV (${error.message})`] })
    lastLineRead = error.lines ?? lastLineRead + 1
  })
  input.on('error', (error) => parser.destroy(error))
  input.pipe(parser)

  let rowsWithWrongColumnCount = 0
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      yield* unreadable.splice(0)
      // csv-parse counts rows with the wrong number of columns so far; an increase means this row is one.
      if (info.invalid_field_length > rowsWithWrongColumnCount) {
        rowsWithWrongColumnCount = info.invalid_field_length
        yield { line: info.lines, ok: false, reasons: ['the row has a different number of columns from the header'] }
        continue
      }
      yield { line: info.lines, ok: true, record }
    }
  } catch (error) {
    // csv-parse may wrap what `columns` threw; the problems it found are what the person needs to see.
    if (headerProblems.length > 0) throw new CsvFileError(options.kindOfFile, headerProblems)
    throw error
  }
  if (!sawHeader) throw new CsvFileError(options.kindOfFile, ['the file is empty'])
  yield* unreadable.splice(0)
}

/** Keeps a bad value quoted in a message short enough to read (and out of the way of a huge field). */
export function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}
