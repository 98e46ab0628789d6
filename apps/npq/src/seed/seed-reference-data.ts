import { createReadStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { DEMO_COHORTS, DEMO_LEAD_PROVIDERS, DEMO_OFFERINGS } from '../../demo-data/catalogue.ts'
import { importChildcareProviders } from '../childcare-providers/childcare-providers.ts'
import { importEligibilityLists } from '../eligibility-lists/eligibility-lists.ts'
import { COURSES } from '../funding/courses.ts'
import { importIttProviders } from '../itt-providers/itt-providers.ts'
import { importSchools } from '../schools/import-schools.ts'
import type { ReferenceDataTables } from './schema.ts'

const demoFile = (name: string) => fileURLToPath(new URL(`../../demo-data/${name}`, import.meta.url))

export const DEMO_DATA_FILES = {
  establishments: demoFile('gias-establishments.csv'),
  eligibilityLists: demoFile('eligibility-lists.csv'),
  childcareProviders: demoFile('childcare-providers.csv'),
  ittProviders: demoFile('itt-providers.csv'),
}

export type ReferenceDataSeedReport = {
  courses: number
  cohortsAdded: number
  leadProvidersAdded: number
  offeringsAdded: number
  schools: { added: number; updated: number; unchanged: number }
  childcareProvidersAdded: number
  eligibilityListsLoaded: boolean
  ittProvidersLoaded: boolean
}

/**
 * Loads the course catalogue and the demo reference data, safely on every start of a development service.
 * Courses always follow COURSES (the code is their definition). Everything else is only added where missing, so
 * what someone changed since (a cohort's dates, an offering withdrawn, an uploaded eligibility list, a newer GIAS
 * import) is left as it is: cohorts and lead providers by identifier, offerings for a cohort that has none,
 * establishments under the LastChangedDate rule, childcare providers, eligibility lists and ITT providers only into
 * empty tables.
 * The demo files are ours, so a row they reject is a bug: it throws rather than seeding half the data.
 */
export async function seedReferenceData<DB extends ReferenceDataTables>(database: Kysely<DB>): Promise<ReferenceDataSeedReport> {
  const db = database as unknown as Kysely<ReferenceDataTables>
  await db
    .insertInto('courses')
    .values(COURSES.map((course) => ({ identifier: course.identifier, name: course.name, short_code: course.shortCode, course_group: course.group, position: course.position, display: course.display })))
    .onConflict((conflict) =>
      conflict.column('identifier').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        short_code: eb.ref('excluded.short_code'),
        course_group: eb.ref('excluded.course_group'),
        position: eb.ref('excluded.position'),
        display: eb.ref('excluded.display'),
      })),
    )
    .execute()

  const cohorts = await db
    .insertInto('cohorts')
    .values(
      DEMO_COHORTS.map((cohort) => ({
        identifier: cohort.identifier,
        start_year: cohort.startYear,
        suffix: cohort.suffix,
        description: cohort.description,
        registration_start_date: cohort.registrationStartDate,
        registration_end_date: cohort.registrationEndDate,
        funding: cohort.funding,
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .returning('identifier')
    .execute()

  const providers = await db
    .insertInto('lead_providers')
    .values(DEMO_LEAD_PROVIDERS.map((provider) => ({ identifier: provider.identifier, name: provider.name, hint: provider.hint })))
    .onConflict((conflict) => conflict.doNothing())
    .returning('identifier')
    .execute()

  const cohortsWithOfferings = new Set(
    (await db.selectFrom('course_cohort_providers').select('cohort_identifier').distinct().execute()).map((row) => row.cohort_identifier),
  )
  const offerings = Object.entries(DEMO_OFFERINGS)
    .filter(([cohort]) => !cohortsWithOfferings.has(cohort))
    .flatMap(([cohort, courses]) =>
      Object.entries(courses).flatMap(([course, leadProviders]) =>
        (leadProviders ?? []).map((leadProvider) => ({ cohort_identifier: cohort, course_identifier: course, lead_provider_identifier: leadProvider })),
      ),
    )
  const offeringsAdded =
    offerings.length === 0 ? 0 : (await db.insertInto('course_cohort_providers').values(offerings).onConflict((conflict) => conflict.doNothing()).returning('cohort_identifier').execute()).length

  const schools = await importSchools(db, createReadStream(DEMO_DATA_FILES.establishments))
  refuseRejected('establishments', schools.rejected)
  let childcare = { added: 0, updated: 0 }
  if (!(await db.selectFrom('private_childcare_providers').select('provider_urn').limit(1).executeTakeFirst())) {
    const loaded = await importChildcareProviders(db, createReadStream(DEMO_DATA_FILES.childcareProviders))
    refuseRejected('childcare providers', loaded.rejected)
    childcare = { added: loaded.added, updated: loaded.updated }
  }

  let eligibilityListsLoaded = false
  if (!(await db.selectFrom('eligibility_list_entries').select('identifier').limit(1).executeTakeFirst())) {
    const lists = await importEligibilityLists(db, createReadStream(DEMO_DATA_FILES.eligibilityLists))
    refuseRejected('eligibility lists', lists.rejected)
    eligibilityListsLoaded = lists.applied
  }
  let ittProvidersLoaded = false
  if (!(await db.selectFrom('itt_providers').select('legal_name').limit(1).executeTakeFirst())) {
    const itt = await importIttProviders(db, createReadStream(DEMO_DATA_FILES.ittProviders))
    refuseRejected('ITT providers', itt.rejected)
    ittProvidersLoaded = itt.applied
  }

  return {
    courses: COURSES.length,
    cohortsAdded: cohorts.length,
    leadProvidersAdded: providers.length,
    offeringsAdded,
    schools: { added: schools.added, updated: schools.updated, unchanged: schools.unchanged },
    childcareProvidersAdded: childcare.added,
    eligibilityListsLoaded,
    ittProvidersLoaded,
  }
}

function refuseRejected(what: string, rejected: Array<{ line: number; reasons: string[] }>): void {
  if (rejected.length === 0) return
  throw new Error(`The demo ${what} file has rows that cannot be loaded: ${rejected.map((row) => `line ${row.line}: ${row.reasons.join('; ')}`).join(' | ')}`)
}
