import type { EmailTemplates } from '../../../packages/kit/src/email/templates.ts'
import { ADMIN_EMAILS } from './admin/users/assign-trn/emails.ts'
import { IDENTITY_EMAILS } from './sign-in/email-code/emails.ts'

/** Every email the identity service sends; each needs `IDENTITY_NOTIFY_TEMPLATE_<NAME>` when Notify is configured. */
export const SERVICE_EMAILS: EmailTemplates = { ...IDENTITY_EMAILS, ...ADMIN_EMAILS }
