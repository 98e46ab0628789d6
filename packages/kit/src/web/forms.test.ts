import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { formErrors, formErrorsFromZod, parseForm } from './forms.ts'

describe('form errors for the GOV.UK error summary', () => {
  it('links each message to its field and keeps only the first message per field', () => {
    const errors = formErrors([
      { field: 'fullName', message: 'Enter your full name' },
      { field: 'fullName', message: 'Full name must be 100 characters or fewer' },
      { field: 'email', message: 'Enter your email address' },
    ])
    assert.deepEqual(errors.errorList, [
      { text: 'Enter your full name', href: '#fullName' },
      { text: 'Enter your email address', href: '#email' },
    ])
    assert.deepEqual(errors.fields, { fullName: { text: 'Enter your full name' }, email: { text: 'Enter your email address' } })
  })

  it('links to the first input of a field made of several, as a date input is', () => {
    const byOption = formErrors([{ field: 'dateOfBirth', message: 'Enter your date of birth' }], { ids: { dateOfBirth: 'dateOfBirth-day' } })
    assert.equal(byOption.errorList[0]?.href, '#dateOfBirth-day')
    const byError = formErrors([{ field: 'dateOfBirth', message: 'Date of birth must include a month', href: '#dateOfBirth-month' }])
    assert.equal(byError.errorList[0]?.href, '#dateOfBirth-month')
  })

  it("uses the schema's own wording for zod's issues, including a field missing from the body", () => {
    const schema = z.object({
      fullName: z.string().trim().min(1, 'Enter your full name'),
      contact: z.enum(['email', 'phone'], { error: 'Select how we should contact you' }),
    })
    const result = schema.safeParse({ fullName: '  ' })
    assert.equal(result.success, false)
    const errors = formErrorsFromZod(result.error!)
    assert.deepEqual(errors.errorList, [
      { text: 'Enter your full name', href: '#fullName' },
      { text: 'Select how we should contact you', href: '#contact' },
    ])
  })
})

describe('parseForm', () => {
  const schema = z.object({ fullName: z.string().trim().min(1, 'Enter your full name'), age: z.coerce.number().int('Enter your age as a whole number') })

  it('gives the parsed data when the form is valid', () => {
    assert.deepEqual(parseForm(schema, { fullName: ' Ada ', age: '36', _csrf: 'token' }), { ok: true, data: { fullName: 'Ada', age: 36 } })
  })

  it('keeps what was entered, without the CSRF token, to show the form again', () => {
    const result = parseForm(schema, { fullName: 'Ada', age: '3.5', _csrf: 'token' })
    assert.equal(result.ok, false)
    if (result.ok) return
    assert.deepEqual(result.values, { fullName: 'Ada', age: '3.5' })
    assert.deepEqual(result.errors.errorList, [{ text: 'Enter your age as a whole number', href: '#age' }])
  })
})
