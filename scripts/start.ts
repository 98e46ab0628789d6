// Starts every service, each in its own process with its own port and database, as production would run them.
import { spawn, type ChildProcess } from 'node:child_process'

const services = [
  { name: 'identity', entry: 'apps/identity/src/main.ts' },
  { name: 'records', entry: 'apps/records/src/main.ts' },
  { name: 'npq', entry: 'apps/npq/src/main.ts' },
]

const children: ChildProcess[] = services.map((service) => {
  const child = spawn(process.execPath, [service.entry], { stdio: 'inherit', env: process.env })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others`)
      stopAll('SIGTERM')
      process.exitCode = 1
    }
  })
  return child
})

let stopping = false
function stopAll(signal: NodeJS.Signals) {
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill(signal)
}

process.on('SIGINT', () => stopAll('SIGINT'))
process.on('SIGTERM', () => stopAll('SIGTERM'))
