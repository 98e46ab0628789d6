-- Webhooks to client services (src/webhooks/): who wants which messages, and each message's delivery to each of them.

create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  -- The client service the endpoint belongs to, when it is one of ours; a subscription goes when its client does.
  client_id text references clients (client_id) on update cascade on delete cascade,
  endpoint text not null check (length(endpoint) between 8 and 2000 and endpoint ~ '^https?://'),
  enabled boolean not null default true,
  -- 32 random bytes as hex. Stored as given, not hashed, unlike client secrets: every delivery is signed with it
  -- (an HMAC needs the key itself). Guard the table as the signing keys are guarded; events never hold it.
  secret text not null check (secret ~ '^[0-9a-f]{64}$'),
  message_types text[] not null check (cardinality(message_types) > 0
    and message_types <@ array['UserCreated', 'UserUpdated', 'UserMerged']::text[]),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index webhook_subscriptions_client on webhook_subscriptions (client_id) where client_id is not null;

-- One row per change published: the exact bytes every subscriber receives, fixed in the transaction that made the
-- change, so every retry and redelivery sends the same body (only the signature headers are made afresh).
create table webhook_notifications (
  notification_id uuid primary key,
  message_type text not null check (message_type in ('UserCreated', 'UserUpdated', 'UserMerged')),
  body text not null,
  created_at timestamptz not null
);

-- One row per notification and subscriber. Retries and setting aside are the outbox job's (`job_id`); this row keeps
-- what an admin needs to see: how it went, and why it is waiting.
create table webhook_deliveries (
  id uuid primary key,
  notification_id uuid not null references webhook_notifications (notification_id) on delete cascade,
  -- Null once the subscription is deleted: the delivery is then dropped rather than sent.
  subscription_id uuid references webhook_subscriptions (id) on delete set null,
  -- Null once the outbox has deleted its finished job.
  job_id bigint references outbox_jobs (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'dropped')),
  attempts integer not null default 0 check (attempts >= 0),
  last_attempted_at timestamptz,
  last_response_status integer,
  last_error text,
  delivered_at timestamptz,
  dropped_at timestamptz,
  drop_reason text check (drop_reason in ('subscription_disabled', 'subscription_deleted', 'client_disabled', 'message_type_unsubscribed')),
  created_at timestamptz not null,
  check ((status = 'delivered') = (delivered_at is not null)),
  check ((status = 'dropped') = (dropped_at is not null and drop_reason is not null))
);
create index webhook_deliveries_notification on webhook_deliveries (notification_id);
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id) where subscription_id is not null;
create index webhook_deliveries_job on webhook_deliveries (job_id) where job_id is not null;
create index webhook_deliveries_finished on webhook_deliveries (coalesce(delivered_at, dropped_at)) where status <> 'pending';
