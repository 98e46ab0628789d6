import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { seedReferenceData } from '../seed/seed-reference-data.ts'
import type { ReferenceDataTables } from '../seed/schema.ts'
import { coursesOfferedIn, currentCohorts, findCohort, isOffered, providersOffering } from './catalogue.ts'

describe('course catalogue (demo data)', () => {
  let database: TestDatabase<ReferenceDataTables>
  before(async () => {
    database = await createTestDatabase<ReferenceDataTables>(NPQ_MIGRATIONS)
    await seedReferenceData(database.db)
  })
  after(() => database.drop())

  it('offers the cohorts whose registration is open on the day, latest intake first', async () => {
    const identifiers = async (today: string) => (await currentCohorts(database.db, today)).map((cohort) => cohort.identifier)
    assert.deepEqual(await identifiers('2026-11-23'), ['2026b', '2026a'])
    assert.deepEqual(await identifiers('2026-03-31'), ['2026a'])
    assert.deepEqual(await identifiers('2025-12-31'), ['2026a', '2025b'])
    assert.deepEqual(await identifiers('2024-09-30'), [])
  })

  it('finds a cohort with its funding mode', async () => {
    assert.deepEqual(await findCohort(database.db, '2026a'), {
      identifier: '2026a',
      startYear: 2026,
      suffix: 'a',
      description: 'Spring 2026',
      registrationStartDate: '2025-10-01',
      registrationEndDate: null,
      funding: 'zero',
    })
    assert.equal((await findCohort(database.db, '2026b'))?.funding, 'capped')
    assert.equal(await findCohort(database.db, '2031z'), undefined)
  })

  it('lists only the shown courses some provider offers in the cohort, in their order', async () => {
    const autumn = await coursesOfferedIn(database.db, '2026b')
    assert.deepEqual(
      autumn.map((course) => course.shortCode),
      ['NPQSENCO', 'NPQH', 'NPQSL', 'NPQEL', 'NPQEYL', 'NPQLBC', 'NPQLL', 'NPQLPM', 'NPQLT', 'NPQLTD', 'EHCO'],
    )
    assert.deepEqual(autumn[1], { identifier: 'npq-headship', name: 'Headship', shortCode: 'NPQH', courseGroup: 'leadership', position: 2 })
    const spring = (await coursesOfferedIn(database.db, '2026a')).map((course) => course.identifier)
    assert.ok(!spring.includes('npq-leading-primary-mathematics'), 'nobody offers Leading primary mathematics in spring 2026')
    assert.ok(spring.includes('npq-leading-literacy'))
    assert.deepEqual(await coursesOfferedIn(database.db, '2031z'), [])
  })

  it('never lists a hidden course, even when a provider offers it', async () => {
    await database.db
      .insertInto('course_cohort_providers')
      .values({ cohort_identifier: '2026b', course_identifier: 'npq-additional-support-offer', lead_provider_identifier: 'teach-first' })
      .execute()
    const identifiers = (await coursesOfferedIn(database.db, '2026b')).map((course) => course.identifier)
    assert.ok(!identifiers.includes('npq-additional-support-offer'))
  })

  it('lists the providers offering a course in a cohort alphabetically, with their hints', async () => {
    assert.deepEqual(await providersOffering(database.db, 'npq-early-years-leadership', '2026b'), [
      { identifier: 'ambition-institute', name: 'Ambition Institute', hint: 'Online learning with live sessions' },
      { identifier: 'national-institute-of-teaching', name: 'National Institute of Teaching', hint: 'Delivered through regional school-led campuses' },
      { identifier: 'teach-first', name: 'Teach First', hint: 'Online learning with in-person conferences' },
      { identifier: 'ucl-institute-of-education', name: 'UCL Institute of Education', hint: 'Delivered with regional delivery partners' },
    ])
    const seniorLeadership = await providersOffering(database.db, 'npq-senior-leadership', '2026b')
    assert.equal(seniorLeadership.length, 8)
    assert.deepEqual(seniorLeadership.map((provider) => provider.name), [...seniorLeadership.map((provider) => provider.name)].sort())
    assert.deepEqual(await providersOffering(database.db, 'npq-leading-primary-mathematics', '2026a'), [])
  })

  it('says whether a provider offers a course in a cohort', async () => {
    assert.equal(await isOffered(database.db, { cohort: '2026b', course: 'npq-headship', leadProvider: 'llse' }), true)
    assert.equal(await isOffered(database.db, { cohort: '2026b', course: 'npq-headship', leadProvider: 'school-led-network' }), false)
    assert.equal(await isOffered(database.db, { cohort: '2026a', course: 'npq-leading-primary-mathematics', leadProvider: 'teach-first' }), false)
  })
})
