import { Router } from 'express'
import { createEmailCodes } from '../sign-in/email-code/codes.ts'
import { createCodeLimits } from '../sign-in/email-code/limits.ts'
import { clientPages } from './clients/routes.ts'
import { dashboardPages } from './dashboard/routes.ts'
import type { AdminDependencies, AdminOptions } from './dependencies.ts'
import { adminRoutes, type AdminRoutes } from './shared/routes.ts'
import { signInPages } from './sign-in/routes.ts'
import { signOutPages } from './sign-out/routes.ts'
import { staffPages } from './staff/routes.ts'
import { supportQueuePages } from './support-queue/routes.ts'
import { assignTrnPages } from './users/assign-trn/routes.ts'
import { correctDetailsPages } from './users/correct-details/routes.ts'
import { historyPages } from './users/history/routes.ts'
import { mergePages } from './users/merge/routes.ts'
import { usersPages } from './users/routes.ts'
import { trnLookupStatusPages } from './users/trn-lookup-status/routes.ts'
import { userPages } from './users/user/routes.ts'
import { webhookPages } from './webhooks/routes.ts'

export { ADMIN_PATH } from './shared/paths.ts'

type Pages = (routes: AdminRoutes, dependencies: AdminDependencies) => void

const PAGES: Pages[] = [
  signInPages,
  signOutPages,
  dashboardPages,
  supportQueuePages,
  usersPages,
  userPages,
  assignTrnPages,
  trnLookupStatusPages,
  correctDetailsPages,
  mergePages,
  historyPages,
  staffPages,
  clientPages,
  webhookPages,
]

/**
 * The support console, mounted at ADMIN_PATH (`/admin`) among the service's pages (it needs their sessions, CSRF
 * protection, form parsing and templates). Every route is declared with who may use it (shared/routes.ts).
 */
export function adminRouter(options: AdminOptions): Router {
  const dependencies: AdminDependencies = {
    ...options,
    emailCodes: createEmailCodes({ db: options.db, clock: options.clock, settings: options.codes }),
    codeLimits: createCodeLimits({ pool: options.pool, settings: options.limits, namePrefix: options.limitNamePrefix }),
  }
  const router = Router()
  const routes = adminRoutes(router, options.db)
  for (const pages of PAGES) pages(routes, dependencies)
  return router
}
