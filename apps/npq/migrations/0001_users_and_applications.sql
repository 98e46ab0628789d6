-- People who have signed in through the identity service. `sub` is the identity service's stable id for the
-- person, so a second visit (or a second registration) by the same person lands on the same row.
create table users (
  id uuid primary key default gen_random_uuid(),
  sub text not null unique check (length(sub) between 1 and 255),
  email text not null check (length(email) between 3 and 254),
  full_name text not null check (length(full_name) between 1 and 400),
  preferred_name text check (length(preferred_name) between 1 and 200),
  date_of_birth date,
  trn char(7) check (trn ~ '^[0-9]{7}$'),
  trn_lookup_status text not null check (trn_lookup_status in ('Found', 'Pending', 'None', 'Failed')),
  -- Only a TRN the identity service says it found is verified; the others are never shown to providers.
  trn_verified boolean not null default false,
  -- When the identity service last told us about this person (sign-in claims or a webhook): an older
  -- message arriving late never overwrites newer details.
  identity_updated_at timestamptz not null,
  -- Set when the identity service merged this account into another: the person signs in as the other one now.
  merged_into_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (trn is null or trn_lookup_status = 'Found' or not trn_verified)
);
create index users_trn on users (trn) where trn is not null;

-- A registration that has not been submitted yet: the person's answers so far, kept per person (not per browser
-- session) so someone whose record is still being checked can sign out and pick up where they left off.
-- `version` rises with every save; a save against an old version (a double submit, a second tab) is refused.
create table registration_drafts (
  user_id uuid primary key references users (id),
  answers jsonb not null default '{}'::jsonb,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

-- Submitted registrations. Reference data (courses, cohorts, providers, schools) is referred to by its public
-- identifier so the application still reads correctly if reference data is reloaded.
create table applications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  -- The draft version that was submitted: a second submit of the same draft finds this row instead of adding one.
  submission_key text not null unique,
  cohort_identifier text not null,
  course_identifier text not null,
  lead_provider_identifier text not null,
  work_setting text,
  teacher_catchment text not null check (teacher_catchment in ('england', 'another')),
  teacher_catchment_country text,
  school_urn text,
  private_childcare_provider_urn text,
  ukprn text,
  kind_of_nursery text,
  employment_type text,
  employment_role text,
  employer_name text,
  itt_provider text,
  headteacher_status text,
  senco_in_role text,
  senco_start_date date,
  eligible_for_funding boolean not null,
  funding_eligibility_status_code text not null,
  -- The version of the funding rules that made the decision, so it can still be explained after the rules change.
  funding_rules_version text,
  -- Whether the provider offered a funded place (null until they say); read by the "previously funded" rule.
  funded_place boolean,
  -- `needs_review` when the funding decision needs a person at DfE to review it.
  review_status text check (review_status in ('needs_review', 'awaiting_information', 'reregister', 'decision_made')),
  funding_choice text,
  lead_provider_approval_status text not null default 'pending'
    check (lead_provider_approval_status in ('pending', 'accepted', 'rejected')),
  on_submission_trn char(7),
  raw_application_data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index applications_user on applications (user_id, created_at);
-- One pending application per person, course and cohort, enforced by the database so two tabs cannot race past it.
create unique index applications_one_pending_per_course
  on applications (user_id, course_identifier, cohort_identifier)
  where lead_provider_approval_status = 'pending';
