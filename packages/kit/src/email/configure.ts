import type { Clock } from '../clock.ts'
import { ConfigurationError } from '../config.ts'
import { createLocalOutboxSender } from './local-outbox.ts'
import { createNotifySender, type NotifyHttpClient } from './notify-sender.ts'
import type { EmailSender } from './sender.ts'
import type { EmailTemplates } from './templates.ts'

/** `sign-in-code` is configured by `{prefix}NOTIFY_TEMPLATE_SIGN_IN_CODE`, e.g. `IDENTITY_NOTIFY_TEMPLATE_SIGN_IN_CODE`. */
export function notifyTemplateVariable(prefix: string, template: string): string {
  return `${prefix}NOTIFY_TEMPLATE_${template.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`
}

export function notifyTemplateIdsFromEnv(env: NodeJS.ProcessEnv, prefix: string, templates: EmailTemplates): Record<string, string> {
  const ids: Record<string, string> = {}
  for (const name of Object.keys(templates)) {
    const value = env[notifyTemplateVariable(prefix, name)]?.trim()
    if (value) ids[name] = value
  }
  return ids
}

/**
 * GOV.UK Notify when an API key is configured (then every template needs its Notify id, or the service refuses
 * to start), otherwise the local outbox file under `dataDir`.
 */
export function createEmailSender(options: {
  service: string
  templates: EmailTemplates
  dataDir: string
  clock: Clock
  notify?: { apiKey: string | undefined; templateIds: Record<string, string>; httpClient?: NotifyHttpClient; variablePrefix?: string }
}): EmailSender {
  const notify = options.notify
  if (!notify?.apiKey) return createLocalOutboxSender(options)
  const missing = Object.keys(options.templates).filter((name) => !notify.templateIds[name])
  if (missing.length > 0) {
    throw new ConfigurationError(
      missing.map((name) => `${notifyTemplateVariable(notify.variablePrefix ?? '', name)}: the GOV.UK Notify template id for "${name}" is required when a Notify API key is set`),
    )
  }
  return createNotifySender({ apiKey: notify.apiKey, templateIds: notify.templateIds, httpClient: notify.httpClient })
}
