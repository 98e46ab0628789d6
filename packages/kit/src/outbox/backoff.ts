/** How long to wait after the `attempt`-th failed attempt (1-based) before trying again. */
export type Backoff = (attempt: number) => number

/** Doubles the wait after each failure, from `firstMs` up to `maxMs`. */
export function exponentialBackoff(options: { firstMs: number; maxMs: number }): Backoff {
  return (attempt) => Math.min(options.maxMs, options.firstMs * 2 ** Math.max(0, attempt - 1))
}

/** 30 s, 1 min, 2 min … capped at 1 hour: twelve attempts span about six hours, enough to ride out a provider's outage. */
export const DEFAULT_BACKOFF = exponentialBackoff({ firstMs: 30_000, maxMs: 3_600_000 })
export const DEFAULT_MAX_ATTEMPTS = 12
