import { pino, type Logger, type LoggerOptions } from 'pino'

export type { Logger }

/** Personal data and secrets that must never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.code',
  '*.email',
  '*.emailAddress',
  '*.nationalInsuranceNumber',
  '*.national_insurance_number',
  '*.dateOfBirth',
  '*.date_of_birth',
]

export function createLogger(options: { name: string; level: LoggerOptions['level'] }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  })
}
