-- The transactional outbox (outbox/). A job is written in the same transaction as the change that causes it, so it
-- exists exactly when the change does; workers on any instance claim due jobs with FOR UPDATE SKIP LOCKED.
-- A claim moves next_attempt_at past the claim's lease, so a job whose worker died is picked up again later.
create table outbox_jobs (
  id bigint generated always as identity primary key,
  type text not null check (length(type) between 1 and 100),
  payload jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'done', 'set_aside')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  finished_at timestamptz
);

create index outbox_jobs_due on outbox_jobs (next_attempt_at) where status = 'pending';
create index outbox_jobs_finished on outbox_jobs (finished_at) where status = 'done';
