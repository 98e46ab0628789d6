-- Helpdesk tickets for teaching record lookups that ended Pending (support-tickets/). Every ticket is a row here,
-- whichever helpdesk it went to: with Zendesk configured the row is sent there by an outbox job (and keeps its
-- Zendesk id); without it, the open rows are the built-in support queue. `snapshot` is everything an agent needs,
-- as it was when the ticket was raised; a later Pending lookup for the same person is appended to `further_lookups`
-- instead of raising a second ticket.
create table support_tickets (
  id uuid primary key default gen_random_uuid(),
  user_sub uuid not null references users (sub),
  -- The client service the person was signing in to (no foreign key: a ticket outlives changes to the client).
  client_id text not null,
  destination text not null check (destination in ('zendesk', 'support_queue')),
  status text not null default 'open' check (status in ('open', 'closed')),
  reason text not null check (reason in ('possible_match', 'stated_trn_not_found', 'stated_qts_not_found', 'records_unavailable')),
  snapshot jsonb not null,
  further_lookups jsonb not null default '[]' check (jsonb_typeof(further_lookups) = 'array'),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  -- Who closed it: `user:<sub>` for a support agent, `client:<id>` for a client service's API call, `cli`, `system`.
  closed_by text,
  outcome text check (outcome in ('trn_assigned', 'no_trn', 'not_needed')),
  assigned_trn char(7) check (assigned_trn ~ '^[0-9]{7}$'),
  zendesk_ticket_id bigint check (zendesk_ticket_id > 0),
  sent_to_zendesk_at timestamptz,
  check ((status = 'closed') = (closed_at is not null)),
  check ((status = 'closed') = (closed_by is not null)),
  check ((status = 'closed') = (outcome is not null)),
  -- The TRN linked when the ticket was closed by assigning one, and only then.
  check (assigned_trn is null or outcome = 'trn_assigned'),
  check (outcome is distinct from 'trn_assigned' or assigned_trn is not null),
  check (destination = 'zendesk' or zendesk_ticket_id is null),
  check ((zendesk_ticket_id is null) = (sent_to_zendesk_at is null))
);
-- At most one open ticket per person: a second Pending lookup adds to it.
create unique index support_tickets_one_open_per_user on support_tickets (user_sub) where status = 'open';
-- The built-in queue: open tickets, oldest first.
create index support_tickets_open_oldest_first on support_tickets (created_at, id) where status = 'open';
create unique index support_tickets_zendesk_ticket on support_tickets (zendesk_ticket_id) where zendesk_ticket_id is not null;
create index support_tickets_user on support_tickets (user_sub, created_at);
