import pg from 'pg'

export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The URL of a database named `name` on the benchmark server, created empty (or kept, when `keep` is set and it exists). */
export async function benchDatabaseUrl(name: string, options: { keep: boolean }): Promise<{ url: string; existed: boolean }> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await admin.connect()
  try {
    const existing = await admin.query('select 1 from pg_database where datname = $1', [name])
    const existed = existing.rowCount === 1
    if (!(existed && options.keep)) {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.query(`create database ${name}`)
    }
    const url = new URL(BENCH_SERVER_URL)
    url.pathname = `/${name}`
    return { url: url.toString(), existed: existed && options.keep }
  } finally {
    await admin.end()
  }
}

export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1)
  return sortedValues[Math.max(0, index)] as number
}

export const formatPercent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(2)}%`)
