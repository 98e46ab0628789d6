-- One person, two accounts (say, registered again with a work address): a support agent merges one into the other
-- (admin/users/merge/). The account that goes keeps its row, so its history, events and tickets stay where they are,
-- but it is no longer anyone's account: it cannot sign in, is not found by email, TRN or the API, and its `sub` is
-- listed in the surviving account's `previous_user_id` claim and the API's `mergedUserIds`.
alter table users add column merged_into uuid references users (sub);
alter table users add column merged_at timestamptz;
alter table users add constraint users_merged_at_with_merged_into check ((merged_into is null) = (merged_at is null));
alter table users add constraint users_not_merged_into_itself check (merged_into is distinct from sub);
create index users_merged_into on users (merged_into) where merged_into is not null;

-- An address or a TRN belongs to one live account; a merged account may still hold what it had (for its history), and
-- the surviving account may take it over.
drop index users_email;
create unique index users_email on users (lower(email)) where merged_into is null;
drop index users_trn;
create unique index users_trn on users (trn) where trn is not null and merged_into is null;

-- A merged account's open ticket is closed as part of the merge.
alter table support_tickets drop constraint support_tickets_outcome_check;
alter table support_tickets add constraint support_tickets_outcome_check
  check (outcome in ('trn_assigned', 'no_trn', 'not_needed', 'merged'));
