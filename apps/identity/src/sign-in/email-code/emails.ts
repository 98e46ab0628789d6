import type { EmailTemplates } from '../../../../../packages/kit/src/email/templates.ts'

export const SIGN_IN_CODE_EMAIL = 'sign-in-code'

/**
 * Our copy of each GOV.UK Notify template's text (Notify's ((placeholder)) syntax): the local outbox renders it, and
 * each needs its Notify id in `IDENTITY_NOTIFY_TEMPLATE_<NAME>` when IDENTITY_NOTIFY_API_KEY is set.
 */
export const IDENTITY_EMAILS: EmailTemplates = {
  [SIGN_IN_CODE_EMAIL]: {
    subject: 'Your DfE Identity security code',
    body: [
      'Your security code is:',
      '',
      '((code))',
      '',
      'Enter it to continue to ((service_name)). The code expires in ((expiry_minutes)) minutes.',
      '',
      'If you did not ask for this code, you can ignore this email. Do not share the code with anyone.',
      '',
      'Department for Education',
    ].join('\n'),
  },
}
