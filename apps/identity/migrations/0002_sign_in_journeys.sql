-- A person's way through the sign-in and registration pages (sign-in/journey-store.ts). The browser's session holds
-- only the id; everything answered so far is here, so the journey survives a restart and moves between instances.
-- `version` goes up on every save: a save from a stale read (a double submit) is refused instead of overwriting.
create table sign_in_journeys (
  id uuid primary key default gen_random_uuid(),
  interaction_uid text not null,
  data jsonb not null,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  expires_at timestamptz not null
);
create index sign_in_journeys_expiry on sign_in_journeys (expires_at);

-- One-time codes emailed during a journey (sign-in/email-code/). Only the keyed hash of a code is kept; the latest
-- code for a journey and address is the one that counts.
create table email_codes (
  id bigint generated always as identity primary key,
  journey_id uuid not null references sign_in_journeys (id) on delete cascade,
  email text not null,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  wrong_attempts integer not null default 0 check (wrong_attempts >= 0),
  used_at timestamptz
);
create index email_codes_latest on email_codes (journey_id, lower(email), id);

-- "Is this your account?": people registering are compared with accounts of the same date of birth and surname.
create index users_birthdate_family_name on users (birthdate, lower(family_name)) where birthdate is not null;
