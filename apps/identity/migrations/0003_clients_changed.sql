-- Every instance keeps the clients in memory (clients/client-cache.ts) and forgets one the moment it changes: any
-- change to a row, however it is made (the CLI, an operator's SQL), is announced to every instance listening.
-- The payload is the client id; an empty payload (after a truncate) means every client.
create function notify_clients_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('identity_clients_changed', '');
    return null;
  end if;
  if tg_op <> 'INSERT' then
    perform pg_notify('identity_clients_changed', old.client_id);
  end if;
  if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.client_id <> old.client_id) then
    perform pg_notify('identity_clients_changed', new.client_id);
  end if;
  return null;
end
$$;

create trigger clients_changed after insert or update or delete on clients
  for each row execute function notify_clients_changed();
create trigger clients_truncated after truncate on clients
  for each statement execute function notify_clients_changed();
