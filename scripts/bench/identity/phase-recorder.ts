// Loaded into the service under test with `node --import` when the benchmark runs with --profile; not part of the
// service. Each SIGUSR2 from the benchmark starts or ends a recorded phase (one measured part). For a phase it writes,
// into BENCH_PROFILE_DIR, a V8 CPU profile and every SQL statement the service sent through node-postgres with its
// count and round-trip time, the HTTP requests it answered by route with the statements each sent, and how busy the
// event loop was.
import { AsyncLocalStorage } from 'node:async_hooks'
import { renameSync, writeFileSync } from 'node:fs'
import { Server, type IncomingMessage } from 'node:http'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { performance, type EventLoopUtilization } from 'node:perf_hooks'
import pg from 'pg'

const directory = process.env.BENCH_PROFILE_DIR ?? '.'

type QueryStat = { count: number; totalMs: number; maxMs: number }
type RouteStat = { requests: number; statements: number; byStatement: Map<string, number> }
type Phase = { index: number; queries: Map<string, QueryStat>; routes: Map<string, RouteStat>; loop: EventLoopUtilization }

/** The route of the request whose work is running now: statements sent in its course count towards it. */
const currentRoute = new AsyncLocalStorage<string>()
const BACKGROUND = '(no request: background work)'

/** `GET /connect/authorize/<uid>?…` → `GET /connect/authorize/:id`: random parts and query strings say nothing. */
function routeOf(req: IncomingMessage): string {
  const path = (req.url ?? '').split('?')[0] ?? ''
  return `${req.method ?? '?'} ${path.replace(/\/[A-Za-z0-9_-]{16,}(?=\/|$)/g, '/:id')}`
}

function routeStat(key: string): RouteStat | undefined {
  if (!phase) return undefined
  let stat = phase.routes.get(key)
  if (!stat) {
    stat = { requests: 0, statements: 0, byStatement: new Map() }
    phase.routes.set(key, stat)
  }
  return stat
}

type Emit = (event: string | symbol, ...args: unknown[]) => boolean
const serverPrototype = Server.prototype as unknown as { emit: Emit }
const originalEmit = serverPrototype.emit
serverPrototype.emit = function emitWithinRoute(this: unknown, event: string | symbol, ...args: unknown[]) {
  if (event !== 'request') return originalEmit.call(this, event, ...args)
  const route = routeOf(args[0] as IncomingMessage)
  const stat = routeStat(route)
  if (stat) stat.requests++
  return currentRoute.run(route, () => originalEmit.call(this, event, ...args))
}

let phase: Phase | undefined
let phases = 0
const session = new Session()
session.connect()

/** The same statement with a different number of parameters in a list is still the same statement. */
const normalised = new Map<string, string>()
function normalise(text: string): string {
  let key = normalised.get(text)
  if (key === undefined) {
    key = text.replace(/\$\d+(?:\s*,\s*\$\d+)+/g, '$n, …').replace(/\s+/g, ' ').trim()
    if (normalised.size < 10_000) normalised.set(text, key)
  }
  return key
}

function record(text: string, startedAt: number, route: string) {
  if (!phase) return
  const key = normalise(text)
  const byRoute = routeStat(route)
  if (byRoute) {
    byRoute.statements++
    byRoute.byStatement.set(key, (byRoute.byStatement.get(key) ?? 0) + 1)
  }
  const ms = performance.now() - startedAt
  const stat = phase.queries.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 }
  stat.count++
  stat.totalMs += ms
  stat.maxMs = Math.max(stat.maxMs, ms)
  phase.queries.set(key, stat)
}

type QueryFunction = (...args: unknown[]) => unknown
const prototype = pg.Client.prototype as unknown as { query: QueryFunction }
const originalQuery = prototype.query
prototype.query = function timedQuery(this: unknown, ...args: unknown[]) {
  const first = args[0]
  const text = typeof first === 'string' ? first : typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : undefined
  if (!phase || text === undefined) return originalQuery.apply(this, args)
  const startedAt = performance.now()
  const route = currentRoute.getStore() ?? BACKGROUND
  const last = args.at(-1)
  if (typeof last === 'function') {
    args[args.length - 1] = (...callbackArgs: unknown[]) => {
      record(text, startedAt, route)
      return (last as QueryFunction)(...callbackArgs)
    }
    return originalQuery.apply(this, args)
  }
  const result = originalQuery.apply(this, args)
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    void (result as Promise<unknown>).then(
      () => record(text, startedAt, route),
      () => record(text, startedAt, route),
    )
  }
  return result
}

/** Written under a temporary name first, so the benchmark never reads half a file. */
function writeAtomically(name: string, content: string) {
  const path = join(directory, name)
  writeFileSync(`${path}.partial`, content)
  renameSync(`${path}.partial`, path)
}

async function toggle() {
  if (!phase) {
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
    phase = { index: ++phases, queries: new Map(), routes: new Map(), loop: performance.eventLoopUtilization() }
    writeAtomically(`phase-${phase.index}.started`, '')
    return
  }
  const finished = phase
  phase = undefined
  const { profile } = await session.post('Profiler.stop')
  const loop = performance.eventLoopUtilization(finished.loop)
  writeAtomically(`phase-${finished.index}.cpuprofile`, JSON.stringify(profile))
  writeAtomically(
    `phase-${finished.index}.json`,
    JSON.stringify({
      eventLoopUtilization: loop.utilization,
      queries: [...finished.queries].map(([text, stat]) => ({ text, ...stat })),
      routes: [...finished.routes].map(([route, stat]) => ({ route, requests: stat.requests, statements: stat.statements, byStatement: [...stat.byStatement] })),
    }),
  )
}

process.on('SIGUSR2', () => {
  toggle().catch((error: unknown) => console.error('phase recorder:', error))
})
