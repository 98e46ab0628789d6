import { PermanentJobFailure } from '../outbox/worker.ts'
import type { Personalisation } from './schema.ts'

/** Our copy of a template's text, written as in GOV.UK Notify: `((name))` placeholders and `((name??shown if yes))`. */
export type EmailTemplate = { subject: string; body: string }

export type EmailTemplates = Record<string, EmailTemplate>

const PLACEHOLDER = /\(\(([^()?]+?)(\?\?([^()]*))?\)\)/g

/** Notify matches names ignoring case, spaces, hyphens and underscores: ((First name)) takes `first_name`. */
function normalisedName(name: string): string {
  return name.replace(/[\s_-]/g, '').toLowerCase()
}

function lookup(personalisation: Personalisation, name: string): Personalisation[string] | undefined {
  const wanted = normalisedName(name)
  const key = Object.keys(personalisation).find((candidate) => normalisedName(candidate) === wanted)
  return key === undefined ? undefined : personalisation[key]
}

function isYes(value: Personalisation[string]): boolean {
  return ['yes', 'true', '1'].includes(String(value).trim().toLowerCase())
}

/** Fills the placeholders as Notify does; a missing value is an error, as Notify refuses such a request. */
export function fillPlaceholders(text: string, personalisation: Personalisation): string {
  const missing = new Set<string>()
  const filled = text.replace(PLACEHOLDER, (_match, name: string, conditional: string | undefined, shown: string | undefined) => {
    const value = lookup(personalisation, name)
    if (value === undefined) {
      missing.add(name.trim())
      return ''
    }
    if (conditional) return isYes(value) ? (shown ?? '') : ''
    if (Array.isArray(value)) return `\n${value.map((item) => `* ${item}`).join('\n')}\n`
    return String(value)
  })
  if (missing.size > 0) throw new PermanentJobFailure(`Missing personalisation: ${[...missing].join(', ')}`)
  return filled
}

export function renderEmail(templates: EmailTemplates, name: string, personalisation: Personalisation): EmailTemplate {
  const template = templates[name]
  if (!template) throw new PermanentJobFailure(`There is no email template called ${name}`)
  return { subject: fillPlaceholders(template.subject, personalisation), body: fillPlaceholders(template.body, personalisation) }
}
