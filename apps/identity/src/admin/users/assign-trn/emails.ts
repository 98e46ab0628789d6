import type { EmailTemplates } from '../../../../../../packages/kit/src/email/templates.ts'

export const TRN_LINKED_EMAIL = 'trn-linked'

/**
 * Our copy of the GOV.UK Notify template (Notify's ((placeholder)) syntax), sent when a support agent links someone's
 * teaching record. Listed with the service's other templates, its Notify id is `IDENTITY_NOTIFY_TEMPLATE_TRN_LINKED`.
 */
export const ADMIN_EMAILS: EmailTemplates = {
  [TRN_LINKED_EMAIL]: {
    subject: 'We’ve linked your teaching record',
    body: [
      'Dear ((name)),',
      '',
      'We’ve checked your details and linked your DfE Identity account to your teaching record.',
      '',
      'Your teacher reference number (TRN) is ((trn)).',
      '',
      'You can now carry on where you left off. Go back to the service you were using and sign in with this email address: it will get your teaching record from us.',
      '',
      'If you did not ask us to find your teaching record, email teaching.status@education.gov.uk.',
      '',
      'Department for Education',
    ].join('\n'),
  },
}
