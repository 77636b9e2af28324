-- The audit trail and the chain of custody are append-only, whatever client writes to the database.
create trigger audit_event_no_update before update on audit_event
    for each row call 'se.ixbi.processes.audit.AppendOnlyTrigger';
create trigger audit_event_no_delete before delete on audit_event
    for each row call 'se.ixbi.processes.audit.AppendOnlyTrigger';
create trigger custody_event_no_update before update on custody_event
    for each row call 'se.ixbi.processes.audit.AppendOnlyTrigger';
create trigger custody_event_no_delete before delete on custody_event
    for each row call 'se.ixbi.processes.audit.AppendOnlyTrigger';
