-- The people who run the service: support agents and admins, who sign in to the support console at /admin
-- (src/admin/). They are not teachers: they have no row in `users`, never sign in to a client service, and never get
-- OpenID Connect claims. Their changes to anything are events with actor `staff:<id>`.
create table staff_users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (length(email) between 3 and 254 and email like '%_@_%'),
  name text not null check (length(name) between 1 and 200),
  -- What they may do: `support` (the queue, people's accounts) and `admin` (that, plus clients, staff and webhooks).
  roles text[] not null default '{}' check (roles <@ array['support', 'admin']::text[]),
  -- Deactivated staff cannot sign in, and a session they already have stops working on its next request.
  active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- One staff account per address whatever its case.
create unique index staff_users_email on staff_users (lower(email));

