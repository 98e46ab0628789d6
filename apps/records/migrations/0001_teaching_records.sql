-- Teaching records. A TRN is 7 digits with significant leading zeros, unique and never reused:
-- deactivated and merged records keep theirs.
create table persons (
  id uuid primary key default gen_random_uuid(),
  trn char(7) not null unique check (trn ~ '^[0-9]{7}$'),
  status text not null default 'active' check (status in ('active', 'deactivated', 'merged')),
  merged_into_trn char(7) references persons (trn),
  first_name text not null check (length(first_name) between 1 and 100),
  middle_name text check (length(middle_name) <= 100),
  last_name text not null check (length(last_name) between 1 and 100),
  -- [{firstName, middleName, lastName, stoppedUsingOn}], newest first. Kept on the row: the matcher reads it on every candidate.
  previous_names jsonb not null default '[]',
  date_of_birth date,
  national_insurance_number char(9),
  email text check (length(email) <= 254),
  sex text check (sex in ('female', 'male', 'other', 'not_provided')),
  qts_date date,
  eyts_date date,
  induction_status text not null default 'None'
    check (induction_status in ('None', 'RequiredToComplete', 'InProgress', 'Passed', 'Failed', 'FailedInWales', 'Exempt')),
  -- Matching keys, derived from the fields above by the application (matching/blocking.ts).
  email_key text,
  name_keys text[] not null default '{}',
  last_name_keys text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'merged') = (merged_into_trn is not null))
);

create index persons_national_insurance_number on persons (national_insurance_number) where national_insurance_number is not null;
create index persons_email_key on persons (email_key) where email_key is not null;
-- Also serves employers' lookups, which filter the few records born that day by last_name_keys.
create index persons_date_of_birth on persons (date_of_birth);
create index persons_name_keys on persons using gin (name_keys);

create table alert_types (
  code text primary key,
  name text not null,
  category text not null,
  is_prohibition boolean not null default false
);

create table alerts (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references persons (id),
  alert_type_code text not null references alert_types (code),
  details text check (length(details) <= 4000),
  start_date date,
  end_date date,
  created_at timestamptz not null default now(),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index alerts_person on alerts (person_id);

create table npq_qualifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references persons (id),
  npq_type text not null check (npq_type in ('NPQEL', 'NPQLTD', 'NPQLT', 'NPQH', 'NPQML', 'NPQLL', 'NPQEYL', 'NPQSL', 'NPQLBC', 'NPQLPM', 'NPQSENCO')),
  awarded_on date not null,
  created_at timestamptz not null default now()
);
create index npq_qualifications_person on npq_qualifications (person_id);

-- Every change to a record, by whom, with the state before and after.
create table person_events (
  id bigint generated always as identity primary key,
  person_id uuid not null references persons (id),
  event_type text not null,
  actor text not null,
  occurred_at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
create index person_events_person on person_events (person_id, occurred_at);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  key_hash text not null unique,
  roles text[] not null,
  requests_per_minute integer not null default 1000 check (requests_per_minute > 0),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- TRNs are allocated from configured ranges; the row lock on a range serialises concurrent allocations.
create table trn_ranges (
  from_trn integer primary key check (from_trn between 0 and 9999999),
  to_trn integer not null check (to_trn between from_trn and 9999999),
  next_trn integer not null,
  is_exhausted boolean not null default false
);

create table trn_requests (
  api_key_id uuid not null references api_keys (id),
  request_id text not null,
  request jsonb not null,
  status text not null check (status in ('pending', 'completed')),
  trn char(7),
  potential_duplicate boolean not null,
  candidates jsonb not null default '[]',
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (api_key_id, request_id)
);
create index trn_requests_pending on trn_requests (created_at) where status = 'pending';

insert into alert_types (code, name, category, is_prohibition) values
  ('T1', 'Prohibition by the Secretary of State - misconduct', 'Prohibition from teaching', true),
  ('T2', 'Interim prohibition by the Secretary of State', 'Prohibition from teaching', true),
  ('T3', 'Prohibition by the Secretary of State - deregistered by GTC Scotland', 'Prohibition from teaching', true),
  ('T5', 'Prohibition by the Secretary of State - refer to GTC Northern Ireland', 'Prohibition from teaching', true),
  ('T6', 'Prohibition by the Secretary of State - refer to the Education Workforce Council, Wales', 'Prohibition from teaching', true),
  ('A18', 'Prohibition order - unacceptable professional conduct', 'GTC Prohibition from teaching', true),
  ('G1', 'Restricted by the Secretary of State - permitted to work as teacher', 'Restriction', false),
  ('A21B', 'Suspension order with conditions', 'GTC Restriction', false),
  ('C2', 'Failed induction', 'Failed induction', false),
  ('SOSNP', 'Found guilty of serious misconduct but not prohibited from teaching', 'TRA Decision (SoS)', false);
