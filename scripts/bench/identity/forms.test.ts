import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createCookieJar } from './browser.ts'
import { buttonLink, chooseForm, fillForm, pageSummary, parseForms } from './forms.ts'

const page = `
<header><form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="t1"><button>Sign out</button></form></header>
<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2>There is a problem</h2>
<div class="govuk-error-summary__body"><ul><li><a href="#code">Enter the security code</a></li></ul></div></div></div>
<form method="POST" action="/sign-in/email-code?change=true&amp;x=1" novalidate>
  <input type="hidden" name="_csrf" value='a&quot;b'>
  <input class="govuk-input" id="code" name="code" type="text" inputmode="numeric" value="">
  <input name="disabled" disabled value="nope">
  <button class="govuk-button" data-module="govuk-button">Continue</button>
</form>
<a href="/sign-in/complete/continue" role="button" draggable="false" class="govuk-button">Continue</a>`

describe('reading the journey pages', () => {
  it('finds each form, its action and its fields, decoding entities', () => {
    const forms = parseForms(page)
    assert.equal(forms.length, 2)
    const form = forms[1]
    assert.equal(form?.method, 'POST')
    assert.equal(form?.action, '/sign-in/email-code?change=true&x=1')
    assert.deepEqual(form?.fields.map((field) => [field.name, field.type, field.value]), [
      ['_csrf', 'hidden', 'a"b'],
      ['code', 'text', ''],
    ])
  })

  it('chooses the form asking a question over the header sign-out form, and fills it in', () => {
    const form = chooseForm(parseForms(page))
    assert.ok(form)
    assert.deepEqual(fillForm(form, { email: 'a@b.example', code: '123456' }), [
      ['_csrf', 'a"b'],
      ['code', '123456'],
    ])
  })

  it('fills an email field by its type, and refuses a question it cannot answer', () => {
    const [email, radios] = parseForms(`
      <form method="post" action="/sign-in/email"><input type="email" name="address"></form>
      <form method="post"><input type="radio" name="hasTrn" value="yes"></form>`)
    assert.deepEqual(fillForm(email as never, { email: 'a@b.example', code: '1' }), [['address', 'a@b.example']])
    assert.throws(() => fillForm(radios as never, { email: 'a@b.example', code: '1' }), /hasTrn/)
  })

  it('says what the page says is wrong, and finds a button link', () => {
    assert.match(pageSummary(page), /There is a problem Enter the security code/)
    assert.equal(buttonLink(page), '/sign-in/complete/continue')
  })
})

describe('the cookie jar', () => {
  it('sends cookies to their path only, replaces them, and forgets expired ones', () => {
    const jar = createCookieJar()
    const at = (path: string) => new URL(`http://127.0.0.1:3000${path}`)
    jar.store(at('/connect/authorize'), ['a=1; Path=/; HttpOnly', 'b=2; path=/sign-in; SameSite=Lax', 'c=3'])
    assert.equal(jar.header(at('/sign-in/email')), 'a=1; b=2')
    assert.equal(jar.header(at('/sign-inside')), 'a=1')
    assert.equal(jar.header(at('/connect/token')), 'a=1; c=3')
    jar.store(at('/'), ['a=9; Path=/', 'b=; Path=/sign-in; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])
    assert.equal(jar.header(at('/sign-in/email')), 'a=9')
    jar.store(at('/'), ['a=1; Path=/; Max-Age=0'])
    assert.equal(jar.header(at('/')), '')
  })
})
