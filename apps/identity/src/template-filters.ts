import nunjucks from 'nunjucks'
import { formatDate } from './sign-in/check-answers/summary.ts'

type Environment = nunjucks.Environment & {
  resolveTemplate(loader: unknown, parentName: string | undefined, filename: string): string
}

/**
 * `{{ "1986-04-12" | longDate }}` → "12 April 1986", as GOV.UK writes dates. Also makes two things GOV.UK Frontend's
 * templates do on every page cheaper, without changing what they render:
 * - nunjucks's `trim` filter is `replace(/^\s*|\s*$/g, '')`, which is quadratic in the whitespace of a long string,
 *   and GOV.UK's macros trim whole blocks of HTML (a quarter of a page's rendering time); `String.prototype.trim`
 *   removes exactly the same characters;
 * - every relative `{% include "./template.njk" %}` of a component resolved its path again with `path.resolve`.
 */
export function addIdentityFilters(templates: nunjucks.Environment): void {
  templates.addFilter('longDate', (value: string | null | undefined) => formatDate(value))

  const trimSlowly = templates.getFilter('trim') as (value: unknown) => unknown
  const { copySafeness, SafeString } = nunjucks.runtime as unknown as { copySafeness<T>(original: T, changed: string): T; SafeString: typeof nunjucks.runtime.SafeString }
  templates.addFilter('trim', (value: unknown) =>
    typeof value === 'string' || value instanceof SafeString ? copySafeness(value, value.toString().trim()) : trimSlowly(value),
  )

  const environment = templates as Environment
  const resolveTemplate = environment.resolveTemplate.bind(environment)
  // loader → parent template → name as written → the template it means.
  const resolved = new WeakMap<object, Map<string | undefined, Map<string, string>>>()
  environment.resolveTemplate = (loader, parentName, filename) => {
    if (typeof loader !== 'object' || loader === null) return resolveTemplate(loader, parentName, filename)
    let byParent = resolved.get(loader)
    if (!byParent) resolved.set(loader, (byParent = new Map()))
    let byName = byParent.get(parentName)
    if (!byName) byParent.set(parentName, (byName = new Map()))
    let path = byName.get(filename)
    if (path === undefined) {
      path = resolveTemplate(loader, parentName, filename)
      // Names come from the templates themselves, so this grows only to the size of the set of templates.
      byName.set(filename, path)
    }
    return path
  }
}
