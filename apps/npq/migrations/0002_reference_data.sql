-- Reference data the registration journey reads: the course catalogue (cohorts, courses, lead providers and who
-- offers what when), establishments from GIAS, Ofsted childcare providers, approved ITT providers and the funding
-- eligibility lists. Applications refer to these rows by their public identifiers, not by foreign keys, so
-- reloading reference data never touches a submitted application.

-- A cohort is an intake: `2026b` is the autumn 2026 start. `funding` decides whether anyone in it can be funded
-- (`zero`), whether providers must say which places are funded (`capped`) or every eligible place is (`full`).
create table cohorts (
  identifier text primary key,
  start_year integer not null check (start_year between 2021 and 2099),
  suffix text not null check (suffix ~ '^[a-z]$'),
  description text not null check (length(description) between 1 and 200),
  registration_start_date date not null,
  -- Null: open for registration until someone closes it.
  registration_end_date date,
  funding text not null check (funding in ('zero', 'capped', 'full')),
  unique (start_year, suffix),
  check (identifier = start_year::text || suffix),
  check (registration_end_date is null or registration_end_date >= registration_start_date)
);

create table courses (
  identifier text primary key check (identifier ~ '^[a-z0-9-]{1,100}$'),
  name text not null check (length(name) between 1 and 200),
  short_code text not null unique check (length(short_code) between 1 and 20),
  course_group text not null check (course_group in ('leadership', 'specialist', 'ehco', 'support')),
  position integer not null,
  -- Hidden courses (the additional support offer) stay for old applications but are never offered.
  display boolean not null default true
);

-- `identifier` is a stable slug the rest of the service (applications, the provider API keys) refers to;
-- the name can be corrected without breaking those references.
create table lead_providers (
  identifier text primary key check (identifier ~ '^[a-z0-9-]{1,100}$'),
  name text not null unique check (length(name) between 1 and 200),
  -- Shown under the provider's name on "Select your provider".
  hint text check (length(hint) <= 500)
);

-- Which lead providers offer which course in which cohort. A course nobody offers in a cohort is not shown
-- for that cohort.
create table course_cohort_providers (
  cohort_identifier text not null references cohorts (identifier),
  course_identifier text not null references courses (identifier),
  lead_provider_identifier text not null references lead_providers (identifier),
  primary key (cohort_identifier, course_identifier, lead_provider_identifier)
);
create index course_cohort_providers_provider on course_cohort_providers (lead_provider_identifier);

-- Establishments from Get Information About Schools (GIAS), upserted by URN from its CSV export.
create table schools (
  urn text primary key check (urn ~ '^[0-9]{1,8}$'),
  name text not null check (length(name) between 1 and 255),
  -- The name lower-cased with punctuation removed (searchableName in src/schools/establishment.ts): what name searches compare.
  search_name text not null,
  la_code text not null check (la_code ~ '^[0-9]{3}$'),
  la_name text not null,
  establishment_type_code text not null check (establishment_type_code ~ '^[0-9]{1,3}$'),
  establishment_type_name text not null,
  establishment_status_code text not null check (establishment_status_code in ('1', '2', '3', '4')),
  -- 'open' covers GIAS "Open" and "Open, but proposed to close"; a school proposed to open is not open yet.
  status text not null check (status in ('open', 'closed', 'proposed_to_open')),
  phase_of_education text,
  ukprn text check (ukprn ~ '^[0-9]{8}$'),
  address_1 text,
  address_2 text,
  address_3 text,
  town text,
  county text,
  postcode text,
  number_of_pupils integer check (number_of_pupils >= 0),
  open_date date,
  close_date date,
  -- GIAS's own "last changed" date: an import only overwrites a school with a row changed more recently.
  last_changed_date date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- No index serves the name search: it matches the start of any word of the name, which a btree (even with
-- text_pattern_ops) cannot, and pg_trgm is not available in PGlite as we open it. Scanning search_name is enough:
-- with 25,000 generated schools a search took about 6 ms on PostgreSQL and 10-20 ms on PGlite (2 busy cores).
create index schools_ukprn on schools (ukprn) where ukprn is not null;

-- Funding eligibility lists (PP50 schools and FE colleges, childminders, LA nurseries, RISE schools...).
-- An upload replaces a whole list type at once.
create table eligibility_list_entries (
  list_type text not null check (list_type in (
    'pp50_school', 'pp50_further_education', 'childminder', 'disadvantaged_early_years_school',
    'local_authority_nursery', 'rise_school'
  )),
  identifier_type text not null check (identifier_type in ('urn', 'ukprn')),
  identifier text not null check (identifier ~ '^[A-Z0-9]{1,20}$'),
  primary key (list_type, identifier_type, identifier)
);

-- Early years providers on Ofsted's registers, found by their Ofsted URN (EY123456, or digits for older ones).
create table private_childcare_providers (
  provider_urn text primary key check (provider_urn ~ '^[A-Z0-9]{1,20}$'),
  name text not null check (length(name) between 1 and 255),
  provider_type text,
  provider_status text,
  early_years_register boolean not null,
  address_1 text,
  address_2 text,
  address_3 text,
  town text,
  postcode text,
  local_authority text,
  region text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Accredited initial teacher training providers. A provider dropped from the approved list is kept, marked not
-- approved, because applications already name it.
create table itt_providers (
  legal_name text primary key check (length(legal_name) between 1 and 255),
  operating_name text not null check (length(operating_name) between 1 and 255),
  approved boolean not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
