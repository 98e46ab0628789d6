import { createServer, type Server } from 'node:http'
import type { Express } from 'express'
import type { Logger } from '../logger.ts'

export type RunningServer = {
  server: Server
  port: number
  stop(): Promise<void>
}

/** Starts listening and resolves with the port actually bound (port 0 picks a free one, as tests do). */
export async function listen(app: Express, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const server = createServer(app)
  // Slightly longer than typical load balancer idle timeouts, so the balancer closes first.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  return {
    server,
    port: boundPort,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}

/**
 * On SIGTERM or SIGINT: stop accepting requests, let those in flight finish, then release resources.
 * A second signal, or a shutdown that takes too long, exits at once.
 */
export function stopGracefully(options: { logger: Logger; steps: Array<() => Promise<void>>; timeoutMs?: number }): void {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    options.logger.info({ signal }, 'shutting down')
    const timer = setTimeout(() => {
      options.logger.error('shutdown took too long; exiting')
      process.exit(1)
    }, options.timeoutMs ?? 10_000)
    timer.unref()
    try {
      for (const step of options.steps) await step()
      options.logger.info('stopped')
      process.exit(0)
    } catch (error) {
      options.logger.error({ err: error }, 'error while shutting down')
      process.exit(1)
    }
  }
  process.on('SIGTERM', (signal) => void shutdown(signal))
  process.on('SIGINT', (signal) => void shutdown(signal))
}
