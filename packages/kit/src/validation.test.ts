import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { ApiError } from './http/api-errors.ts'
import { parseOrThrow } from './validation.ts'

const schema = z.strictObject({
  name: z.string().trim().min(1).max(5),
  tags: z.array(z.string()).optional(),
  code: z.string().refine((value) => value === 'ok', { message: 'code must be ok', params: { code: 'bad_code' } }).optional(),
})

function errorsFor(input: unknown) {
  try {
    parseOrThrow(schema, input)
  } catch (error) {
    assert.ok(error instanceof ApiError)
    assert.equal(error.status, 400)
    return error.toJSON().error
  }
  assert.fail('expected a validation error')
}

describe('parseOrThrow', () => {
  it('returns the parsed value when valid', () => {
    assert.deepEqual(parseOrThrow(schema, { name: ' ab ' }), { name: 'ab' })
  })
  it('gives each problem a stable code and field', () => {
    assert.deepEqual(errorsFor({}).errors, [{ field: 'name', code: 'required', message: 'name is required' }])
    assert.equal(errorsFor({ name: 7 }).errors?.[0]?.code, 'wrong_type')
    assert.equal(errorsFor({ name: 'toolong' }).errors?.[0]?.code, 'too_long')
    assert.equal(errorsFor({ name: '  ' }).errors?.[0]?.code, 'required')
    assert.deepEqual(errorsFor({ name: 'a', tags: ['x', 3] }).errors?.[0], { field: 'tags[1]', code: 'wrong_type', message: 'tags[1] must be a string' })
    assert.deepEqual(errorsFor({ name: 'a', code: 'no' }).errors?.[0], { field: 'code', code: 'bad_code', message: 'code must be ok' })
  })
  it('names every unknown field', () => {
    const error = errorsFor({ name: 'a', x: 1, y: 2 })
    assert.equal(error.field, 'x')
    assert.deepEqual(error.errors?.map((item) => [item.field, item.code]), [['x', 'unknown_field'], ['y', 'unknown_field']])
  })
  it('refuses a body that is not an object', () => {
    assert.equal(errorsFor(null).errors?.[0]?.code, 'wrong_type')
    assert.equal(errorsFor([]).errors?.[0]?.code, 'wrong_type')
  })
})
