// The processes under test: started as children so the load generator never shares their event loop, watched for
// health, stopped with SIGTERM, and measured by the CPU time the kernel charged them (/proc/<pid>/stat).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import pg from 'pg'

export type Service = {
  name: string
  pid: number
  url: string
  child: ChildProcess
  /** The last lines the child printed, for when something goes wrong. */
  output(): string[]
  exited(): boolean
  stop(): Promise<void>
}

/** A port nobody listens on right now, on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const MOST_OUTPUT_LINES = 200

export function startService(options: { name: string; url: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string }): Service {
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let exited = false
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue
      lines.push(line)
      if (lines.length > MOST_OUTPUT_LINES) lines.shift()
    }
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true
    resolve()
  }))
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`)
  return {
    name: options.name,
    pid: child.pid,
    url: options.url,
    child,
    output: () => [...lines],
    exited: () => exited,
    async stop() {
      if (exited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL')
      }, 15_000)
      await exit
      clearTimeout(timer)
    },
  }
}

/** Waits (at most `timeoutMs`) until GET /health answers 200; fails at once if the child exits. */
export async function waitHealthy(service: Service, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (service.exited()) throw new Error(`${service.name} exited while starting:\n${service.output().slice(-20).join('\n')}`)
    try {
      const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${service.name} was not healthy within ${timeoutMs / 1000} s:\n${service.output().slice(-20).join('\n')}`)
}

let ticksPerSecond: number | undefined
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU seconds (every thread) the kernel has charged to `pid`, in user and system (kernel) mode; undefined if unreadable. */
export function processCpu(pid: number): { user: number; system: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may contain spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() }
  } catch {
    return undefined
  }
}

export function processCpuSeconds(pid: number): number | undefined {
  const cpu = processCpu(pid)
  return cpu ? cpu.user + cpu.system : undefined
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

export type PostgresCpu = {
  /** CPU seconds so far of every process serving the benchmark database: its backends, the server's own workers, the postmaster. */
  sample(): Promise<Map<number, number> | undefined>
  close(): Promise<void>
}

/**
 * PostgreSQL's share of the work: the processes of the server (on this machine) that serve the benchmark database, plus
 * its background processes (WAL writer, checkpointer, autovacuum). Backends of other databases are left out, so
 * someone else's work on the same server does not count. Undefined when the server's processes cannot be read here.
 */
export async function postgresCpu(serverUrl: string, database: string): Promise<PostgresCpu> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const own = Number((await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid)
  return {
    async sample() {
      const rows = (await admin.query<{ pid: number }>('select pid from pg_stat_activity where (datname = $1 or datname is null) and pid <> $2', [database, own])).rows
      const pids = new Set(rows.map((row) => Number(row.pid)))
      const postmaster = parentPid(own)
      if (postmaster !== undefined) pids.add(postmaster)
      const sample = new Map<number, number>()
      for (const pid of pids) {
        const seconds = processCpuSeconds(pid)
        if (seconds !== undefined) sample.set(pid, seconds)
      }
      return sample.size > 0 && postmaster !== undefined ? sample : undefined
    },
    close: () => admin.end(),
  }
}

/** CPU seconds between two samples: processes that started in between count from zero; those that ended are lost. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0)
  return total
}

/** CPU seconds the whole machine has spent busy (every CPU, any process, the kernel), and stolen by the hypervisor. */
export function machineCpu(): { busy: number; steal: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n').find((candidate) => candidate.startsWith('cpu '))
    if (!line) return undefined
    // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already counted in user).
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number)
    return { busy: (user + nice + system + irq + softirq) / clockTicks(), steal: steal / clockTicks() }
  } catch {
    return undefined
  }
}
