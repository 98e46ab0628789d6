// A tiny service built on the kit, used by the kit's own tests and as a worked example for services.
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Clock } from '../../clock.ts'
import { enqueueEmail } from '../../email/email-outbox.ts'
import type { EmailTemplates } from '../../email/templates.ts'
import type { Logger } from '../../logger.ts'
import { createRateLimiter } from '../../rate-limits.ts'
import type { KitTables } from '../../migrations.ts'
import { createWebApp, type WebApp } from '../app.ts'
import { forbiddenError, sessionExpiredError } from '../errors.ts'
import { parseForm, renderInvalidForm } from '../forms.ts'
import { limitRequests } from '../rate-limit.ts'

declare module 'express-session' {
  interface SessionData {
    fullName?: string
  }
}

export const EXAMPLE_EMAILS: EmailTemplates = {
  'details-saved': { subject: 'Your details were saved', body: 'Dear ((name)),\n\nWe saved your details.\n\nVisit https://example.gov.uk/account to check them.' },
}

export const EXAMPLE_SECRET = 'example-session-secret-at-least-32-characters'

const detailsSchema = z.object({
  fullName: z.string({ error: 'Enter your full name' }).trim().min(1, 'Enter your full name').max(100, 'Full name must be 100 characters or fewer'),
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
})

export function createExampleApp(options: {
  db: Kysely<KitTables>
  clock: Clock
  logger: Logger
  environment?: 'development' | 'test' | 'production'
  dataDir?: string
  sessionIdleTimeoutMinutes?: number
}): WebApp {
  const { db, clock } = options
  return createWebApp({
    serviceName: 'Example service',
    feedbackUrl: 'https://example.gov.uk/feedback',
    footerLinks: [{ text: 'Accessibility statement', href: '/accessibility' }],
    templateFolders: [fileURLToPath(new URL('./templates', import.meta.url))],
    environment: options.environment ?? 'test',
    logger: options.logger,
    clock,
    db,
    sessionSecrets: [EXAMPLE_SECRET],
    sessionCookieName: 'example_session',
    sessionIdleTimeoutMinutes: options.sessionIdleTimeoutMinutes,
    localOutbox: options.dataDir ? { dataDir: options.dataDir } : undefined,
    beforePages(app) {
      app.get('/health', (_req, res) => {
        res.json({ status: 'ok' })
      })
    },
    pages(app) {
      app.get('/', (_req, res) => res.redirect('/your-details'))
      app.get('/your-details', (_req, res) => res.render('your-details', { values: {} }))
      app.post('/your-details', async (req, res) => {
        const form = parseForm(detailsSchema, req.body)
        if (!form.ok) return renderInvalidForm(res, 'your-details', form)
        await db.transaction().execute((trx) =>
          enqueueEmail(trx, { to: form.data.email, template: 'details-saved', personalisation: { name: form.data.fullName } }, clock),
        )
        req.session.fullName = form.data.fullName
        res.redirect(303, '/done')
      })
      app.get('/done', (req, res) => {
        if (!req.session.fullName) throw sessionExpiredError()
        res.render('done', { fullName: req.session.fullName })
      })
      app.get('/private', () => {
        throw forbiddenError()
      })
      const rateLimiter = createRateLimiter({ pool: null, name: 'example' })
      app.get('/limited', limitRequests({ rateLimiter, points: 2, durationSeconds: 300 }), (_req, res) => {
        res.render('done', { fullName: 'you' })
      })
      app.get('/broken', () => {
        throw new Error('database password is hunter2')
      })
    },
  })
}
