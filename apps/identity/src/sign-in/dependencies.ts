import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { SignInSeam } from '../interaction/sign-in-seam.ts'
import type { TicketDestination } from '../support-tickets/schema.ts'
import type { RecordsClient } from '../teaching-records/records-client.ts'
import type { EmailCodes } from './email-code/codes.ts'
import type { CodeLimits } from './email-code/limits.ts'
import type { JourneyStore } from './journey-store.ts'

/** What the journey's pages work with; time, the records service and email all come in from outside. */
export type SignInDependencies = {
  seam: SignInSeam
  db: Kysely<IdentitySchema>
  clock: Clock
  logger: Logger
  records: RecordsClient
  journeys: JourneyStore
  codes: EmailCodes
  limits: CodeLimits
  /** Where helpdesk tickets for Pending lookups go (`ticketDestination(zendeskSettings)`); the built-in support queue unless given. */
  ticketDestination?: TicketDestination
}
