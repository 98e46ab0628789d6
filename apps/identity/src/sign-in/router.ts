import { Router } from 'express'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { SignInSeam } from '../interaction/sign-in-seam.ts'
import type { TicketDestination } from '../support-tickets/schema.ts'
import type { RecordsClient } from '../teaching-records/records-client.ts'
import { checkAnswersRoutes } from './check-answers/routes.ts'
import { chooseEmailRoutes } from './choose-email/routes.ts'
import { completeRoutes } from './complete/routes.ts'
import { dateOfBirthRoutes } from './date-of-birth/routes.ts'
import type { SignInDependencies } from './dependencies.ts'
import { createEmailCodes, type CodeSettings } from './email-code/codes.ts'
import { createCodeLimits, type CodeLimitSettings } from './email-code/limits.ts'
import { emailCodeRoutes } from './email-code/routes.ts'
import { emailRoutes } from './email/routes.ts'
import { elevateCheckAnswersRoutes } from './elevate/check-answers/routes.ts'
import { elevateLandingRoutes } from './elevate/landing/routes.ts'
import { elevateNiNumberRoutes } from './elevate/ni-number/routes.ts'
import { elevateTrnRoutes } from './elevate/trn/routes.ts'
import { existingAccountCodeRoutes } from './existing-account-code/routes.ts'
import { existingAccountRoutes } from './existing-account/routes.ts'
import { hasNiNumberRoutes } from './has-ni-number/routes.ts'
import { hasQtsRoutes } from './has-qts/routes.ts'
import { hasTrnRoutes } from './has-trn/routes.ts'
import { institutionEmailRoutes } from './institution-email/routes.ts'
import { ittProviderRoutes } from './itt-provider/routes.ts'
import { createJourneyStore } from './journey-store.ts'
import { nameRoutes } from './name/routes.ts'
import { niNumberRoutes } from './ni-number/routes.ts'
import { preferredNameRoutes } from './preferred-name/routes.ts'
import { startRoutes } from './start/routes.ts'
import { trnInUseRoutes } from './trn-in-use/routes.ts'
import { trnRoutes } from './trn/routes.ts'

export type SignInOptions = {
  db: Kysely<IdentitySchema>
  clock: Clock
  logger: Logger
  records: RecordsClient
  codes: CodeSettings
  limits: CodeLimitSettings
  /** Rate limits are shared by every instance through PostgreSQL; null on the embedded database. */
  pool: pg.Pool | null
  /** Keeps the limits of two apps in one process apart (tests). */
  limitNamePrefix?: string
  /** Where helpdesk tickets for Pending lookups go: `ticketDestination(zendeskSettings)`; the built-in support queue unless given. */
  ticketDestination?: TicketDestination
}

/** The sign-in and registration journey, mounted at /sign-in by createIdentityApp; one router per page. */
export function createSignInJourney(options: SignInOptions): (seam: SignInSeam) => Router {
  return (seam) => {
    const dependencies: SignInDependencies = {
      seam,
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      records: options.records,
      journeys: createJourneyStore({ db: options.db, clock: options.clock }),
      codes: createEmailCodes({ db: options.db, clock: options.clock, settings: options.codes }),
      limits: createCodeLimits({ pool: options.pool, settings: options.limits, namePrefix: options.limitNamePrefix }),
      ticketDestination: options.ticketDestination ?? 'support_queue',
    }
    const router = Router()
    for (const pages of [
      startRoutes,
      emailRoutes,
      emailCodeRoutes,
      institutionEmailRoutes,
      nameRoutes,
      preferredNameRoutes,
      dateOfBirthRoutes,
      existingAccountRoutes,
      existingAccountCodeRoutes,
      hasNiNumberRoutes,
      niNumberRoutes,
      hasTrnRoutes,
      trnRoutes,
      hasQtsRoutes,
      ittProviderRoutes,
      checkAnswersRoutes,
      trnInUseRoutes,
      chooseEmailRoutes,
      elevateLandingRoutes,
      elevateNiNumberRoutes,
      elevateTrnRoutes,
      elevateCheckAnswersRoutes,
      completeRoutes,
    ]) {
      router.use(pages(dependencies))
    }
    return router
  }
}
