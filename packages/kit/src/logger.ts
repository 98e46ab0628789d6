import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino'

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

export function createLogger(options: { name: string; level: LoggerOptions['level']; destination?: DestinationStream }): Logger {
  const settings: LoggerOptions = { name: options.name, level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }
  return options.destination ? pino(settings, options.destination) : pino(settings)
}
