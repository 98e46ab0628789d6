// A closed loop of `concurrency` workers, each doing one operation after another until the time is up: at most
// `concurrency` operations in flight, and the loop stops by itself.
import { percentile } from '../bench-database.ts'

export type LoadResult = {
  operations: number
  errors: number
  /** The first different error messages, to say what went wrong. */
  errorSamples: string[]
  elapsedSeconds: number
  latenciesMs: { p50: number; p95: number; p99: number }
}

const MOST_ERROR_SAMPLES = 5

export async function runFor(options: { seconds: number; concurrency: number; operation: (worker: number) => Promise<void> }): Promise<LoadResult> {
  const latencies: number[] = []
  const errorSamples = new Set<string>()
  let errors = 0
  const started = performance.now()
  const deadline = started + options.seconds * 1000
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_unused, worker) => {
      while (performance.now() < deadline) {
        const begin = performance.now()
        try {
          await options.operation(worker)
          latencies.push(performance.now() - begin)
        } catch (error) {
          errors++
          if (errorSamples.size < MOST_ERROR_SAMPLES) errorSamples.add(error instanceof Error ? error.message : String(error))
          // A failing service must not turn the loop into a busy spin.
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
    }),
  )
  const elapsedSeconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    operations: latencies.length,
    errors,
    errorSamples: [...errorSamples],
    elapsedSeconds,
    latenciesMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99) },
  }
}
