import { Router } from 'express'
import { sql, type Kysely } from 'kysely'
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'
import type { RequestHandler } from 'express'

export type Metrics = {
  registry: Registry
  recordRequest: RequestHandler
}

/** One registry per service, so two services in one process (tests, `npm start`) never share counters. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry()
  registry.setDefaultLabels({ service })
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  const recordRequest: RequestHandler = (req, res, next) => {
    const stopTimer = duration.startTimer()
    res.on('finish', () => {
      // The matched route pattern, never the raw path: a TRN in a path must not become a label.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched'
      requests.inc({ method: req.method, route, status: String(res.statusCode) })
      stopTimer({ method: req.method, route })
    })
    next()
  }
  return { registry, recordRequest }
}

/** `/health` answers 200 only when the database answers; `/metrics` is the Prometheus text format. */
export function operationsRouter<Schema>(options: { db: Kysely<Schema>; metrics: Metrics }): Router {
  const router = Router()
  router.get('/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(options.db)
      res.json({ status: 'ok', database: 'ok' })
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' })
    }
  })
  router.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics())
  })
  return router
}
