import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS } from '../database/schema.ts'
import { COURSES } from '../funding/courses.ts'
import { listMemberships } from '../eligibility-lists/eligibility-lists.ts'
import { findChildcareProvider } from '../childcare-providers/childcare-providers.ts'
import { searchIttProviders } from '../itt-providers/itt-providers.ts'
import { searchSchools } from '../schools/search-schools.ts'
import type { ReferenceDataTables } from './schema.ts'
import { seedReferenceData } from './seed-reference-data.ts'

describe('seedReferenceData', () => {
  let database: TestDatabase<ReferenceDataTables>
  before(async () => {
    database = await createTestDatabase<ReferenceDataTables>(NPQ_MIGRATIONS)
  })
  after(() => database.drop())

  const counts = async () => {
    const count = async (table: keyof ReferenceDataTables) => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count)
    return {
      courses: await count('courses'),
      cohorts: await count('cohorts'),
      lead_providers: await count('lead_providers'),
      course_cohort_providers: await count('course_cohort_providers'),
      schools: await count('schools'),
      eligibility_list_entries: await count('eligibility_list_entries'),
      private_childcare_providers: await count('private_childcare_providers'),
      itt_providers: await count('itt_providers'),
    }
  }

  it('loads the catalogue and every demo reference file into an empty database', async () => {
    const report = await seedReferenceData(database.db)
    assert.deepEqual(report, {
      courses: COURSES.length,
      cohortsAdded: 4,
      leadProvidersAdded: 8,
      offeringsAdded: report.offeringsAdded,
      schools: { added: 85, updated: 0, unchanged: 0 },
      childcareProvidersAdded: 16,
      eligibilityListsLoaded: true,
      ittProvidersLoaded: true,
    })
    assert.ok(report.offeringsAdded > 150)
    // The demo data hangs together: a PP50 school, a listed childminder and an approved ITT provider can be found.
    const [school] = await searchSchools(database.db, 'harewood lane')
    assert.equal((await listMemberships(database.db, { urn: school?.urn })).pp50School, true)
    assert.equal((await listMemberships(database.db, { ofstedUrn: 'EY701556' })).childminder, true)
    assert.equal((await findChildcareProvider(database.db, 'EY701556'))?.providerType, 'Childminder')
    assert.equal((await searchIttProviders(database.db, 'pennine')).length, 1)
  })

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await counts()
    const report = await seedReferenceData(database.db)
    assert.deepEqual(report, {
      courses: COURSES.length,
      cohortsAdded: 0,
      leadProvidersAdded: 0,
      offeringsAdded: 0,
      schools: { added: 0, updated: 0, unchanged: 85 },
      childcareProvidersAdded: 0,
      eligibilityListsLoaded: false,
      ittProvidersLoaded: false,
    })
    assert.deepEqual(await counts(), before)
  })

  it('keeps what was changed since, but keeps courses in step with the code', async () => {
    await database.db.updateTable('cohorts').set({ registration_end_date: '2026-12-31' }).where('identifier', '=', '2026b').execute()
    await database.db.deleteFrom('course_cohort_providers').where('cohort_identifier', '=', '2026b').where('lead_provider_identifier', '=', 'llse').execute()
    await database.db.deleteFrom('eligibility_list_entries').where('list_type', '=', 'rise_school').execute()
    await database.db.updateTable('courses').set({ name: 'Renamed by hand' }).where('identifier', '=', 'npq-headship').execute()

    await seedReferenceData(database.db)

    const cohort = await database.db.selectFrom('cohorts').select('registration_end_date').where('identifier', '=', '2026b').executeTakeFirstOrThrow()
    assert.equal(cohort.registration_end_date, '2026-12-31')
    const llse = await database.db.selectFrom('course_cohort_providers').select('course_identifier').where('cohort_identifier', '=', '2026b').where('lead_provider_identifier', '=', 'llse').execute()
    assert.deepEqual(llse, [])
    assert.equal((await listMemberships(database.db, { urn: '137201' })).riseSchool, false)
    const headship = await database.db.selectFrom('courses').select('name').where('identifier', '=', 'npq-headship').executeTakeFirstOrThrow()
    assert.equal(headship.name, 'Headship')
  })
})
