import type pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export type RateLimiter = {
  /** Counts one attempt against `key`, allowing `points` attempts per `durationSeconds`. */
  consume(key: string, points: number, durationSeconds: number): Promise<RateLimitDecision>
}

/**
 * Limits shared by every instance when a PostgreSQL pool is given (production), in process memory otherwise
 * (the embedded database serves a single process, so memory is exactly as shared as the data is).
 */
export function createRateLimiter(options: { pool: pg.Pool | null; name: string }): RateLimiter {
  const limiters = new Map<string, Promise<RateLimiterAbstract>>()

  function limiterFor(points: number, durationSeconds: number): Promise<RateLimiterAbstract> {
    const id = `${points}/${durationSeconds}`
    let limiter = limiters.get(id)
    if (!limiter) {
      limiter = buildLimiter(points, durationSeconds)
      limiters.set(id, limiter)
    }
    return limiter
  }

  function buildLimiter(points: number, duration: number): Promise<RateLimiterAbstract> {
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: options.name })
    const pool = options.pool
    if (!pool) return Promise.resolve(memory)
    return new Promise((resolve, reject) => {
      const shared: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          keyPrefix: options.name,
          points,
          duration,
          // If the database is briefly unreachable, keep limiting in memory rather than failing requests.
          insuranceLimiter: memory,
          clearExpiredByTimeout: false,
        },
        (error?: Error) => (error ? reject(error) : resolve(shared)),
      )
    })
  }

  return {
    async consume(key, points, durationSeconds) {
      const limiter = await limiterFor(points, durationSeconds)
      try {
        await limiter.consume(key, 1)
        return { allowed: true }
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
        }
        throw rejection
      }
    },
  }
}
