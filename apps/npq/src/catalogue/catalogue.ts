import type { Selectable } from 'kysely'
import { catalogueDb, type CatalogueTables, type CohortFunding, type CohortsTable, type CoursesTable } from './schema.ts'
import type { CourseGroup } from '../funding/courses.ts'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'


export type Cohort = {
  identifier: string
  startYear: number
  suffix: string
  description: string
  registrationStartDate: string
  registrationEndDate: string | null
  funding: CohortFunding
}

export type OfferedCourse = { identifier: string; name: string; shortCode: string; courseGroup: CourseGroup; position: number }

export type OfferingProvider = { identifier: string; name: string; hint: string | null }

/**
 * Cohorts people can register for on `today` (YYYY-MM-DD): registration has started and not ended.
 * Latest intake first, so the first one is the cohort the journey asks about.
 */
export async function currentCohorts<DB extends CatalogueTables>(database: DatabaseOrTransaction<DB>, today: string): Promise<Cohort[]> {
  const db = catalogueDb(database)
  const rows = await db
    .selectFrom('cohorts')
    .selectAll()
    .where('registration_start_date', '<=', today)
    .where((eb) => eb.or([eb('registration_end_date', 'is', null), eb('registration_end_date', '>=', today)]))
    .orderBy('start_year', 'desc')
    .orderBy('suffix', 'desc')
    .execute()
  return rows.map(cohortFromRow)
}

export async function findCohort<DB extends CatalogueTables>(database: DatabaseOrTransaction<DB>, identifier: string): Promise<Cohort | undefined> {
  const db = catalogueDb(database)
  const row = await db.selectFrom('cohorts').selectAll().where('identifier', '=', identifier).executeTakeFirst()
  return row ? cohortFromRow(row) : undefined
}

/** "Which NPQ do you want to do?": shown courses that at least one lead provider offers in the cohort, in order. */
export async function coursesOfferedIn<DB extends CatalogueTables>(database: DatabaseOrTransaction<DB>, cohortIdentifier: string): Promise<OfferedCourse[]> {
  const db = catalogueDb(database)
  const rows = await db
    .selectFrom('courses')
    .selectAll()
    .where('display', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('course_cohort_providers')
          .select('course_cohort_providers.course_identifier')
          .whereRef('course_cohort_providers.course_identifier', '=', 'courses.identifier')
          .where('course_cohort_providers.cohort_identifier', '=', cohortIdentifier),
      ),
    )
    .orderBy('position')
    .orderBy('identifier')
    .execute()
  return rows.map(courseFromRow)
}

/** "Select your provider": the lead providers offering the course in the cohort, alphabetically, with their hints. */
export async function providersOffering<DB extends CatalogueTables>(database: DatabaseOrTransaction<DB>, courseIdentifier: string, cohortIdentifier: string): Promise<OfferingProvider[]> {
  const db = catalogueDb(database)
  return db
    .selectFrom('lead_providers')
    .innerJoin('course_cohort_providers', 'course_cohort_providers.lead_provider_identifier', 'lead_providers.identifier')
    .select(['lead_providers.identifier', 'lead_providers.name', 'lead_providers.hint'])
    .where('course_cohort_providers.course_identifier', '=', courseIdentifier)
    .where('course_cohort_providers.cohort_identifier', '=', cohortIdentifier)
    .orderBy('lead_providers.name')
    .execute()
}

/** Whether the provider offers the course in the cohort: what a submitted choice must still satisfy. */
export async function isOffered<DB extends CatalogueTables>(database: DatabaseOrTransaction<DB>, offer: { cohort: string; course: string; leadProvider: string }): Promise<boolean> {
  const db = catalogueDb(database)
  const row = await db
    .selectFrom('course_cohort_providers')
    .select('lead_provider_identifier')
    .where('cohort_identifier', '=', offer.cohort)
    .where('course_identifier', '=', offer.course)
    .where('lead_provider_identifier', '=', offer.leadProvider)
    .executeTakeFirst()
  return row !== undefined
}

function cohortFromRow(row: Selectable<CohortsTable>): Cohort {
  return {
    identifier: row.identifier,
    startYear: row.start_year,
    suffix: row.suffix,
    description: row.description,
    registrationStartDate: row.registration_start_date,
    registrationEndDate: row.registration_end_date,
    funding: row.funding,
  }
}

function courseFromRow(row: Selectable<CoursesTable>): OfferedCourse {
  return { identifier: row.identifier, name: row.name, shortCode: row.short_code, courseGroup: row.course_group, position: row.position }
}
