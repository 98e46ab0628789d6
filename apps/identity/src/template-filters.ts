import type nunjucks from 'nunjucks'
import { formatDate } from './sign-in/check-answers/summary.ts'

/** `{{ "1986-04-12" | longDate }}` → "12 April 1986", as GOV.UK writes dates. */
export function addIdentityFilters(templates: nunjucks.Environment): void {
  templates.addFilter('longDate', (value: string | null | undefined) => formatDate(value))
}
