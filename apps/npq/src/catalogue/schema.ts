import type { Kysely } from 'kysely'
import type { DatabaseOrTransaction } from '../../../../packages/kit/src/outbox/jobs.ts'
import type { CourseGroup } from '../funding/courses.ts'

export const COHORT_FUNDING = ['zero', 'capped', 'full'] as const
export type CohortFunding = (typeof COHORT_FUNDING)[number]

export type CohortsTable = {
  identifier: string
  start_year: number
  suffix: string
  description: string
  registration_start_date: string
  registration_end_date: string | null
  funding: CohortFunding
}

export type CoursesTable = {
  identifier: string
  name: string
  short_code: string
  course_group: CourseGroup
  position: number
  display: boolean
}

export type LeadProvidersTable = { identifier: string; name: string; hint: string | null }

export type CourseCohortProvidersTable = { cohort_identifier: string; course_identifier: string; lead_provider_identifier: string }

export type CatalogueTables = {
  cohorts: CohortsTable
  courses: CoursesTable
  lead_providers: LeadProvidersTable
  course_cohort_providers: CourseCohortProvidersTable
}

/** Lets these functions take any service database whose schema includes these tables (Kysely cannot narrow one itself). */
export function catalogueDb<DB extends CatalogueTables>(db: DatabaseOrTransaction<DB>): Kysely<CatalogueTables> {
  return db as unknown as Kysely<CatalogueTables>
}
