// Reads what phase-recorder.ts wrote for one measured part and says where the service's time went: time by package or
// folder (self, and with everything it called), the busiest functions, and the SQL statements per operation; and, beside
// the bare library's profile of the same part, what our service adds.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
type QueryStat = { text: string; count: number; totalMs: number; maxMs: number }
type RouteStat = { route: string; requests: number; statements: number; byStatement: Array<[string, number]> }
type PhaseFile = { eventLoopUtilization: number; queries: QueryStat[]; routes?: RouteStat[] }

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)'])

/** Where a frame's code lives, at the level a person would act on: a package, a folder of ours, a Node subsystem. */
export function areaOf(frame: CallFrame, root: string): string | undefined {
  if (frame.functionName === '(garbage collector)') return 'garbage collection'
  if (frame.functionName === '(program)') return 'V8 and native code outside JS (program)'
  if (!frame.url) return undefined
  const url = frame.url.replace(/^file:\/\//, '')
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (modules) return modules[1] as string
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/')
    return parts[0] === 'internal' ? `node:internal/${(parts[1] ?? '').replace(/\.js$/, '')}` : `node:${(parts[0] ?? '').replace(/\.js$/, '')}`
  }
  const relative = url.startsWith(root) ? url.slice(root.length).replace(/^\//, '') : url
  const ours = /^(apps\/[^/]+\/src\/[^/]+|packages\/[^/]+\/src\/[^/]+|scripts\/[^/]+)/.exec(relative)
  return ours ? (ours[1] as string).replace(/\.ts$/, '') : relative
}

function functionLabel(frame: CallFrame, root: string): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName
  const url = frame.url.replace(/^file:\/\//, '').replace(root, '').replace(/^\//, '').replace(/^.*node_modules\//, '')
  return `${frame.functionName || '(anonymous)'} ${url ? `${url}:${frame.lineNumber + 1}` : '(native)'}`
}

export type PhaseProfile = {
  operations: number
  eventLoopUtilization: number
  /** Milliseconds of samples that were not idle. */
  busyMs: number
  self: Map<string, number>
  inclusive: Map<string, number>
  functions: Map<string, number>
  queries: QueryStat[]
  routes: RouteStat[]
}

function summarise(profile: CpuProfile, root: string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const functions = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms)
  let busyMs = 0
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    const node = byId.get(id)
    if (!node || node.callFrame.functionName === '(idle)') return
    busyMs += ms
    // Native code called from JavaScript (a hash, a signature, a socket write) counts towards the code that called it.
    let selfArea: string | undefined
    const seen = new Set<string>()
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame
      if (!frame || frame.functionName === '(root)') continue
      const area = areaOf(frame, root)
      if (area === undefined) continue
      selfArea ??= area
      if (!seen.has(area)) {
        seen.add(area)
        add(inclusive, area, ms)
      }
    }
    add(self, selfArea ?? 'native (no caller)', ms)
    add(functions, functionLabel(node.callFrame, root), ms)
  })
  return { busyMs, self, inclusive, functions }
}

export function readPhase(directory: string, index: number, operations: number, root: string): PhaseProfile {
  const phase = JSON.parse(readFileSync(join(directory, `phase-${index}.json`), 'utf8')) as PhaseFile
  const profile = JSON.parse(readFileSync(join(directory, `phase-${index}.cpuprofile`), 'utf8')) as CpuProfile
  return { operations, eventLoopUtilization: phase.eventLoopUtilization, queries: phase.queries, routes: phase.routes ?? [], ...summarise(profile, root) }
}

const microsecondsPerOperation = (ms: number | undefined, operations: number) => (ms === undefined ? undefined : (1000 * ms) / Math.max(1, operations))
const format = (value: number | undefined) => (value === undefined ? '–' : Math.round(value).toLocaleString('en-GB'))

/**
 * Lines about one part: the main thread's time per operation by area, ours beside the bare library's, then our busiest
 * functions and our SQL. Samples are wall-clock time on the main thread while it was not idle, so a thread descheduled
 * inside a system call (a socket write to PostgreSQL that wakes the backend) counts there.
 */
export function compareReport(ours: PhaseProfile, bare: PhaseProfile | undefined): string[] {
  const lines: string[] = []
  const ourTotal = microsecondsPerOperation(ours.busyMs, ours.operations) as number
  const bareTotal = bare ? microsecondsPerOperation(bare.busyMs, bare.operations) : undefined
  lines.push(
    `  main thread busy ${format(ourTotal)} µs per operation (event loop ${(100 * ours.eventLoopUtilization).toFixed(0)}% busy)` +
      (bare ? `; bare ${format(bareTotal)} µs (event loop ${(100 * bare.eventLoopUtilization).toFixed(0)}% busy)` : ''),
  )
  lines.push(`  ${'where (self; native work counted to its JS caller)'.padEnd(50)} ${'ours µs/op'.padStart(10)} ${'bare µs/op'.padStart(10)} ${'added'.padStart(7)}  ${'ours incl. callees'.padStart(18)}`)
  const areas = new Set([...ours.self.keys(), ...(bare ? bare.self.keys() : [])])
  const rows = [...areas].map((area) => {
    const mine = microsecondsPerOperation(ours.self.get(area) ?? 0, ours.operations) as number
    const theirs = bare ? (microsecondsPerOperation(bare.self.get(area) ?? 0, bare.operations) as number) : undefined
    return { area, mine, theirs, added: mine - (theirs ?? 0), inclusive: microsecondsPerOperation(ours.inclusive.get(area), ours.operations) }
  })
  rows.sort((a, b) => b.mine - a.mine)
  for (const row of rows.slice(0, 16)) {
    lines.push(
      `    ${row.area.slice(0, 48).padEnd(48)} ${format(row.mine).padStart(10)} ${format(row.theirs).padStart(10)} ${`${row.added >= 0 ? '+' : ''}${format(row.added)}`.padStart(7)}  ${format(row.inclusive).padStart(18)}`,
    )
  }
  lines.push('  our busiest functions (self, µs per operation):')
  for (const [label, ms] of [...ours.functions].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    lines.push(`    ${format(microsecondsPerOperation(ms, ours.operations)).padStart(6)}  ${label.slice(0, 120)}`)
  }
  const queries = [...ours.queries].sort((a, b) => b.count - a.count)
  const count = queries.reduce((sum, query) => sum + query.count, 0)
  const roundTripMs = queries.reduce((sum, query) => sum + query.totalMs, 0)
  lines.push(
    `  our SQL: ${(count / Math.max(1, ours.operations)).toFixed(1)} statements per operation, ${(roundTripMs / Math.max(1, ours.operations)).toFixed(1)} ms of round trips per operation (as the service saw them, queueing included)`,
  )
  for (const query of queries.slice(0, 12)) {
    lines.push(`    ${(query.count / Math.max(1, ours.operations)).toFixed(2).padStart(6)}/op  ${(query.totalMs / query.count).toFixed(2).padStart(6)} ms  ${query.text.slice(0, 140)}`)
  }
  const routes = ours.routes.filter((route) => route.requests > 0 || route.statements > 0).sort((a, b) => b.statements - a.statements)
  if (routes.length > 0) {
    lines.push('  our requests by route: requests per operation, SQL statements per request, and the commonest kinds of statement')
    const perOperation = (value: number) => (value / Math.max(1, ours.operations)).toFixed(2).padStart(6)
    for (const route of routes.slice(0, 14)) {
      const perRequest = route.requests > 0 ? (route.statements / route.requests).toFixed(1) : `${perOperation(route.statements).trim()}/op`
      const byKind = new Map<string, number>()
      for (const [text, count] of route.byStatement) byKind.set(shortStatement(text), (byKind.get(shortStatement(text)) ?? 0) + count)
      const commonest = [...byKind]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([kind, count]) => `${route.requests > 0 ? (count / route.requests).toFixed(1) : perOperation(count).trim()}× ${kind}`)
      lines.push(`    ${perOperation(route.requests)}  ${route.route.slice(0, 40).padEnd(40)} ${perRequest.padStart(6)}  ${commonest.join('; ')}`)
    }
  }
  return lines
}

/** "select … from users where …" → "select users": enough to tell statements apart in one line. */
export function shortStatement(text: string): string {
  const verb = (/^\s*(\w+)/.exec(text)?.[1] ?? '?').toLowerCase()
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(text)?.[1]
  return table ? `${verb} ${table}` : verb
}
