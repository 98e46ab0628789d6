-- Emails waiting to be sent, and a short record of those sent (email/). Each has exactly one outbox job, whose id it
-- shares; the job's status says whether it is pending, sent or set aside after too many failures.
create table email_outbox (
  job_id bigint primary key references outbox_jobs (id) on delete cascade,
  template text not null,
  to_address text not null check (length(to_address) between 3 and 320),
  -- Cleared once the email is sent: it may hold one-time codes or links that must not outlive their use.
  personalisation jsonb,
  reference text,
  created_at timestamptz not null,
  sent_at timestamptz,
  sent_with text check (sent_with in ('notify', 'local_outbox')),
  -- GOV.UK Notify's notification id, to look the email up in Notify.
  provider_reference text
);
