import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'

const require = createRequire(import.meta.url)

/** `node_modules/govuk-frontend/dist`: templates import `govuk/components/…/macro.njk` and extend `govuk/template.njk`. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist')

/** The kit's own templates: `kit/layout.njk`, `kit/form.njk`, `kit/errors/…`. */
export const KIT_TEMPLATES = fileURLToPath(new URL('./templates', import.meta.url))

const londonDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' })

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
}

// A full stop or bracket right after an address ends the sentence, not the address.
const URL_IN_TEXT = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)]/g

/** Plain text (an email body) as paragraphs, keeping line breaks and making web addresses links. */
export function plainTextToHtml(text: string): string {
  const paragraphs = String(text ?? '').split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '')
  const html = paragraphs.map((paragraph) => {
    const lines = paragraph.trim().split('\n').map((line) => {
      let result = ''
      let last = 0
      for (const match of line.matchAll(URL_IN_TEXT)) {
        result += escapeHtml(line.slice(last, match.index))
        result += `<a class="govuk-link" href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`
        last = match.index + match[0].length
      }
      return result + escapeHtml(line.slice(last))
    })
    return `<p class="govuk-body">${lines.join('<br>')}</p>`
  })
  return html.join('\n')
}

/** More distinct component renderings than the pages use (navigation varies by page and role): past this, render afresh. */
const MOST_REMEMBERED_COMPONENTS = 500

type Component = (params: unknown) => unknown

/**
 * `remembered(govukFooter, "govukFooter", params)`: a GOV.UK component's HTML depends on its params alone, and every
 * page has the same few in its header and footer (GOV.UK's template even renders those twice per page, to see whether
 * they are empty), so each is rendered once. Not when templates are not cached either (development).
 */
function rememberedComponents(enabled: boolean) {
  const rendered = new Map<string, unknown>()
  return (component: Component, name: string, params: unknown) => {
    if (!enabled) return component(params)
    const key = `${name} ${JSON.stringify(params)}`
    let html = rendered.get(key)
    if (html === undefined) {
      html = component(params)
      if (rendered.size < MOST_REMEMBERED_COMPONENTS) rendered.set(key, html)
    }
    return html
  }
}

/**
 * The Nunjucks environment for a service's pages. A service's folders come first, so it can override any kit
 * template (an error page, say) by putting its own at the same path. Autoescaping is always on.
 */
export function createTemplates(options: { templateFolders: string[]; cache?: boolean; globals?: Record<string, unknown> }): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([...options.templateFolders, KIT_TEMPLATES, GOVUK_FRONTEND_DIST], { noCache: options.cache === false })
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true })
  env.addFilter('plainTextToHtml', (text: string) => new nunjucks.runtime.SafeString(plainTextToHtml(text)))
  env.addFilter('londonDateTime', (value: string | Date) => {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? String(value) : londonDateTime.format(date)
  })
  env.addGlobal('remembered', rememberedComponents(options.cache !== false))
  for (const [name, value] of Object.entries(options.globals ?? {})) env.addGlobal(name, value)
  return env
}
