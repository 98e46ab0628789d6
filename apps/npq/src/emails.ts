import type { EmailTemplates } from '../../../packages/kit/src/email/templates.ts'

export const APPLICATION_SUBMITTED_EMAIL = 'application-submitted'

/**
 * Our copy of each GOV.UK Notify template's text (Notify's ((placeholder)) syntax): the local outbox renders it, and
 * each needs its Notify id in `NPQ_NOTIFY_TEMPLATE_<NAME>` when NPQ_NOTIFY_API_KEY is set.
 */
export const NPQ_EMAILS: EmailTemplates = {
  [APPLICATION_SUBMITTED_EMAIL]: {
    subject: 'Your registration for the ((course_name)) NPQ',
    body: [
      'Dear ((full_name)),',
      '',
      'You have registered for the ((course_name)) national professional qualification (NPQ) with ((provider_name)).',
      '',
      '((funding_summary))',
      '',
      'What happens next',
      '',
      '((provider_name)) will contact you about the rest of their application process. They decide whether to accept you onto the course.',
      '',
      'Your registration number is ((application_id)). You can see your registrations at ((account_url))',
      '',
      'Department for Education',
    ].join('\n'),
  },
}
