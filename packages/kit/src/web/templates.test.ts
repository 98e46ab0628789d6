import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createTemplates, plainTextToHtml } from './templates.ts'

describe('page templates', () => {
  it('shows an email body as escaped paragraphs with line breaks and working links', () => {
    assert.equal(
      plainTextToHtml('Dear <Ada>,\nhello.\n\nSign in at https://example.gov.uk/sign-in?x=1&y=2.'),
      '<p class="govuk-body">Dear &lt;Ada&gt;,<br>hello.</p>\n' +
        '<p class="govuk-body">Sign in at <a class="govuk-link" href="https://example.gov.uk/sign-in?x=1&amp;y=2">https://example.gov.uk/sign-in?x=1&amp;y=2</a>.</p>',
    )
  })

  it('escapes what a page is given', () => {
    const env = createTemplates({ templateFolders: [], globals: { serviceName: 'Example service', serviceUrl: '/' } })
    const html = env.render('kit/errors/bad-request.njk', { reason: '<script>alert(1)</script>' })
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.doesNotMatch(html, /<script>alert/)
  })

  it("lets a service's template stand in for the kit's at the same path", () => {
    const folder = mkdtempSync(join(tmpdir(), 'templates-'))
    mkdirSync(join(folder, 'kit', 'errors'), { recursive: true })
    writeFileSync(join(folder, 'kit', 'errors', 'not-found.njk'), '{% extends "kit/layout.njk" %}{% set title = "No such teacher page" %}')
    const env = createTemplates({ templateFolders: [folder], globals: { serviceName: 'Example service' } })
    assert.match(env.render('kit/errors/not-found.njk', {}), /<title>No such teacher page – Example service – GOV.UK<\/title>/)
  })

  it('renders a remembered component once for the same params, and again for other params', () => {
    const calls: unknown[] = []
    const component = (params: unknown) => {
      calls.push(params)
      return `<nav>${JSON.stringify(params)}</nav>`
    }
    const env = createTemplates({ templateFolders: [] })
    const page = '{{ remembered(component, "nav", { items: items }) | safe }}'
    const first = env.renderString(page, { component, items: ['Users'] })
    assert.equal(env.renderString(page, { component, items: ['Users'] }), first)
    assert.equal(calls.length, 1)
    assert.notEqual(env.renderString(page, { component, items: ['Users', 'Clients'] }), first)
    assert.equal(calls.length, 2)
  })

  it('renders every component afresh when templates are not cached (development)', () => {
    let calls = 0
    const component = () => `<nav>${++calls}</nav>`
    const env = createTemplates({ templateFolders: [], cache: false })
    const page = '{{ remembered(component, "nav", {}) | safe }}'
    env.renderString(page, { component })
    assert.equal(env.renderString(page, { component }), '<nav>2</nav>')
  })
})
