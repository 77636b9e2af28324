-- The audit trail and the chain of custody are append-only, whatever client writes to the database.
create function reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'APPEND_ONLY: % is append-only; % is not allowed', TG_TABLE_NAME, TG_OP;
end;
$$;

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function reject_change();
create trigger custody_event_append_only before update or delete on custody_event
    for each row execute function reject_change();
