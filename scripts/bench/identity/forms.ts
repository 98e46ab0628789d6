// Just enough HTML reading to fill in the sign-in journey's forms the way a person would: find the form on the page,
// keep its hidden fields (the CSRF token among them), type the email address or the code, and submit.

export type FormField = { tag: 'input' | 'button' | 'textarea' | 'select'; type: string; name: string; value: string; checked: boolean }
export type HtmlForm = { action: string; method: 'GET' | 'POST'; fields: FormField[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[entity.toLowerCase()] ?? whole
  })
}

/** The attributes of one start tag (`<input type="hidden" name=_csrf value='…'>`), names lower-cased, values decoded. */
export function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>()
  const inner = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '')
  for (const match of inner.matchAll(/([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (match[1] ?? '').toLowerCase()
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''))
  }
  return attributes
}

/** Every form on the page, with its fields in document order. */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = []
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form\s*>/gi)) {
    const whole = match[0]
    const openTag = whole.slice(0, whole.indexOf('>') + 1)
    const attributes = parseAttributes(openTag)
    const fields: FormField[] = []
    for (const field of (match[1] ?? '').matchAll(/<(input|button|textarea|select)\b[^>]*>/gi)) {
      const tag = (field[1] ?? '').toLowerCase() as FormField['tag']
      const fieldAttributes = parseAttributes(field[0])
      const name = fieldAttributes.get('name')
      if (!name || fieldAttributes.has('disabled')) continue
      const defaultType = tag === 'button' ? 'submit' : tag === 'input' ? 'text' : tag
      fields.push({
        tag,
        type: (fieldAttributes.get('type') ?? defaultType).toLowerCase(),
        name,
        value: fieldAttributes.get('value') ?? '',
        checked: fieldAttributes.has('checked'),
      })
    }
    forms.push({ action: attributes.get('action') ?? '', method: (attributes.get('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET', fields })
  }
  return forms
}

/** What a person would read as the page's problem: the error summary if there is one, else the heading. */
export function pageSummary(html: string): string {
  const text = (fragment: string | undefined) => decodeEntities((fragment ?? '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim()
  const summary = /<div[^>]*class="[^"]*govuk-error-summary[^"]*"[^>]*>([\s\S]*?)<\/div>\s*<\/div>/i.exec(html)
  if (summary) return text(summary[1]).slice(0, 300)
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)
  if (heading) return text(heading[1]).slice(0, 300)
  return text(html).slice(0, 200)
}

export type Answers = { email: string; code: string }

const EMAIL_FIELD = /e-?mail/i
const CODE_FIELD = /code|pin|otp/i
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', 'search'])

/**
 * Fills a form as the person signing in would: hidden fields as they are, an email field with the email address, a
 * code field with the code, the first named submit button. Refuses a form with a question it cannot answer (radios,
 * an unknown empty text field), naming it, so a change in the journey shows up as a clear failure.
 */
export function fillForm(form: HtmlForm, answers: Answers): Array<[string, string]> {
  const filled: Array<[string, string]> = []
  let submitted = false
  for (const field of form.fields) {
    if (field.type === 'hidden') filled.push([field.name, field.value])
    else if (field.type === 'submit' || field.type === 'image') {
      if (!submitted && field.value) filled.push([field.name, field.value])
      submitted = true
    } else if (field.type === 'checkbox') {
      if (field.checked) filled.push([field.name, field.value || 'on'])
    } else if (field.type === 'radio') {
      throw new Error(`the form asks a question the benchmark cannot answer: radios "${field.name}"`)
    } else if (field.tag === 'select') {
      throw new Error(`the form asks a question the benchmark cannot answer: select "${field.name}"`)
    } else if (TEXT_TYPES.has(field.type) || field.tag === 'textarea') {
      // Code first: a field named like "emailCode" asks for the code.
      if (field.type === 'email') filled.push([field.name, answers.email])
      else if (CODE_FIELD.test(field.name)) filled.push([field.name, answers.code])
      else if (EMAIL_FIELD.test(field.name)) filled.push([field.name, answers.email])
      else if (field.value) filled.push([field.name, field.value])
      else throw new Error(`the form asks a question the benchmark cannot answer: field "${field.name}"`)
    }
  }
  return filled
}

/** The form a person would submit: one asking for the email or the code, else the page's only posting form. */
export function chooseForm(forms: HtmlForm[]): HtmlForm | undefined {
  const posting = forms.filter((form) => form.method === 'POST')
  const asking = posting.find((form) =>
    form.fields.some((field) => (TEXT_TYPES.has(field.type) && (field.type === 'email' || EMAIL_FIELD.test(field.name) || CODE_FIELD.test(field.name)))),
  )
  if (asking) return asking
  return posting.length === 1 ? posting[0] : undefined
}

/** The page's GOV.UK button link ("Continue" as a link rather than a form), if it has one. */
export function buttonLink(html: string): string | undefined {
  for (const match of html.matchAll(/<a\b[^>]*>/gi)) {
    const attributes = parseAttributes(match[0])
    const classes = (attributes.get('class') ?? '').split(/\s+/)
    const href = attributes.get('href')
    if (href && classes.includes('govuk-button')) return href
  }
  return undefined
}
