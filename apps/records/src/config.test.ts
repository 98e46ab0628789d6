import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigurationError } from '../../../packages/kit/src/config.ts'
import { loadRecordsConfig } from './config.ts'

describe('records configuration', () => {
  it('runs on an embedded database with demo data by default', () => {
    const config = loadRecordsConfig({})
    assert.equal(config.port, 3001)
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.loadDemoData, true)
    assert.deepEqual(config.trnRanges, [{ from: 2000000, to: 2999999 }])
  })

  it('never loads demo data in production or tests', () => {
    assert.equal(loadRecordsConfig({ NODE_ENV: 'production' }).loadDemoData, false)
    assert.equal(loadRecordsConfig({ NODE_ENV: 'test' }).loadDemoData, false)
  })

  it('prefers the service\'s own database URL, and treats an empty one as unset', () => {
    assert.equal(loadRecordsConfig({ RECORDS_DATABASE_URL: 'postgres://a/records', DATABASE_URL: 'postgres://a/other' }).databaseUrl, 'postgres://a/records')
    assert.equal(loadRecordsConfig({ RECORDS_DATABASE_URL: '', DATABASE_URL: 'postgres://a/other' }).databaseUrl, 'postgres://a/other')
  })

  it('reads several TRN ranges and lists every problem at once', () => {
    assert.deepEqual(loadRecordsConfig({ RECORDS_TRN_RANGES: '2000000-2499999, 3000000-3000009' }).trnRanges, [
      { from: 2000000, to: 2499999 },
      { from: 3000000, to: 3000009 },
    ])
    assert.throws(
      () => loadRecordsConfig({ RECORDS_PORT: 'eighty', RECORDS_TRN_RANGES: 'lots' }),
      (error: unknown) => error instanceof ConfigurationError && error.problems.length === 2,
    )
  })
})
