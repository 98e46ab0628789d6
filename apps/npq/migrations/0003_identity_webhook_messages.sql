-- Webhook messages from the identity service (identity-webhooks/), stored as received and applied in the background.
-- The notification id is unique: a repeat delivery of the same message finds its row and changes nothing.
create table identity_webhook_messages (
  id bigint generated always as identity primary key,
  notification_id text not null unique check (length(notification_id) between 1 and 100),
  message_type text not null check (length(message_type) between 1 and 100),
  -- The whole envelope as received (after its signature was checked).
  body jsonb not null,
  -- When the identity service says the change happened: orders messages that arrive out of order.
  time_utc timestamptz not null,
  received_at timestamptz not null,
  processed_at timestamptz,
  -- What applying it did (updated, ignored_stale, merged, …) and the details: fields changed from what to what,
  -- applications moved or left behind. Identity is never changed silently.
  outcome text,
  outcome_detail jsonb,
  -- The latest failure to apply it, while it waits to be tried again.
  last_error text,
  check ((processed_at is null) = (outcome is null))
);
create index identity_webhook_messages_unprocessed on identity_webhook_messages (received_at) where processed_at is null;
