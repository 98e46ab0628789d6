import type { CatalogueTables } from '../catalogue/schema.ts'
import type { ChildcareProviderTables } from '../childcare-providers/schema.ts'
import type { EligibilityListTables } from '../eligibility-lists/schema.ts'
import type { IttProviderTables } from '../itt-providers/schema.ts'
import type { SchoolTables } from '../schools/schema.ts'

/** The tables of migrations/0002_reference_data.sql; the service's schema type includes them. */
export type ReferenceDataTables = CatalogueTables & SchoolTables & EligibilityListTables & ChildcareProviderTables & IttProviderTables
