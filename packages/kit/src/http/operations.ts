import { Router } from 'express'
import { sql, type Kysely } from 'kysely'
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'
import type { Request, RequestHandler } from 'express'

export type Metrics = {
  registry: Registry
  recordRequest: RequestHandler
}

/**
 * The matched route pattern, never the raw path: a TRN in a path must not become a label. By the time a response
 * finishes Express has unwound req.baseUrl, so the mount prefix is recovered from the URL: the pattern's own
 * segments are the last ones.
 */
function routeLabel(req: Request): string {
  const pattern: unknown = req.route?.path
  if (typeof pattern !== 'string') return 'unmatched'
  const patternSegments = pattern.split('/').filter(Boolean)
  const pathSegments = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean)
  const prefix = pathSegments.slice(0, Math.max(0, pathSegments.length - patternSegments.length))
  return `/${[...prefix, ...patternSegments].join('/')}`
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
      const route = routeLabel(req)
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
