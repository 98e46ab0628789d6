import { z } from 'zod'

/** Thrown when the environment does not describe a service we can run. Lists every problem at once. */
export class ConfigurationError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigurationError'
    this.problems = problems
  }
}

/**
 * Ends a service whose start failed: a configuration problem is told in plain words (what to set), anything else with
 * its stack. `main().catch(failedToStart)`.
 */
export function failedToStart(error: unknown): never {
  console.error(error instanceof ConfigurationError ? error.message : error)
  process.exit(1)
}

/** Parses environment variables with a zod schema keyed by variable name. */
export function loadConfig<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  const result = schema.safeParse(env)
  if (!result.success) {
    throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`))
  }
  return result.data
}

/** Treats an empty environment variable as unset, so `FOO=` behaves like no FOO at all. */
export function optionalString() {
  return z.preprocess((value) => (value === '' ? undefined : value), z.string().optional())
}

export function port(defaultPort: number) {
  return z.coerce.number().int().min(0).max(65535).default(defaultPort)
}

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')

export const environmentName = z.enum(['development', 'test', 'production']).default('development')
