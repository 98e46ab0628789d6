import { z } from 'zod'
import { environmentName, loadConfig, logLevel, optionalString, port } from '../../../packages/kit/src/config.ts'
import { parseTrnRanges } from './trn-requests/allocate-trn.ts'

const schema = z
  .object({
    NODE_ENV: environmentName,
    RECORDS_PORT: port(3001),
    RECORDS_DATABASE_URL: optionalString(),
    DATABASE_URL: optionalString(),
    DATA_DIR: z.string().default('./data'),
    LOG_LEVEL: logLevel,
    RECORDS_TRN_RANGES: z
      .string()
      .default('2000000-2999999')
      .transform((value, context) => {
        try {
          return parseTrnRanges(value)
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message })
          return z.NEVER
        }
      }),
    RECORDS_MAX_BODY: z.string().default('64kb'),
  })
  .transform((env) => ({
    environment: env.NODE_ENV,
    port: env.RECORDS_PORT,
    databaseUrl: env.RECORDS_DATABASE_URL ?? env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    logLevel: env.LOG_LEVEL,
    trnRanges: env.RECORDS_TRN_RANGES,
    maxBodySize: env.RECORDS_MAX_BODY,
    /** Demo personas and the well-known development key exist only on a developer's machine. */
    loadDemoData: env.NODE_ENV === 'development',
  }))

export type RecordsConfig = z.output<typeof schema>

export function loadRecordsConfig(env: NodeJS.ProcessEnv): RecordsConfig {
  return loadConfig(schema, env)
}
