-- express-session's store (web/session-store.ts). One row per browser session; `data` is what the session holds.
-- Rows past `expires_at` are never read and are deleted by the store from time to time.
create table web_sessions (
  sid text primary key,
  data jsonb not null,
  expires_at timestamptz not null
);

create index web_sessions_expires_at on web_sessions (expires_at);
