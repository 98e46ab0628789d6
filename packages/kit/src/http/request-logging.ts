import type { IncomingMessage, ServerResponse } from 'node:http'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger.ts'

const QUIET_PATHS = new Set(['/health', '/metrics'])

/** One line per request: method, path without its query string (it may hold personal data), status and time. */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  })
}
