import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { EmailCodes, CodeSettings } from '../sign-in/email-code/codes.ts'
import type { CodeLimits, CodeLimitSettings } from '../sign-in/email-code/limits.ts'
import type { AdminRecords } from './shared/records.ts'

/** What `adminRouter` is given: the same database, clock, code settings and limits as the sign-in journey. */
export type AdminOptions = {
  db: Kysely<IdentitySchema>
  clock: Clock
  logger: Logger
  /** The teaching record service (createAdminRecords with IDENTITY_RECORDS_URL and IDENTITY_RECORDS_API_KEY). */
  records: AdminRecords
  /** The sign-in journey's code settings: staff codes are the same codes, hashed with the same key. */
  codes: CodeSettings
  /** The sign-in journey's limits; with the same `limitNamePrefix`, staff and teachers count against the same ones. */
  limits: CodeLimitSettings
  /** Rate limits are shared by every instance through PostgreSQL; null on the embedded database. */
  pool: pg.Pool | null
  limitNamePrefix?: string
  /** Production refuses http redirect URIs and webhook endpoints. */
  environment: 'development' | 'test' | 'production'
}

/** What the console's pages work with. */
export type AdminDependencies = AdminOptions & { emailCodes: EmailCodes; codeLimits: CodeLimits }
