-- The auditors' page filters the trail by who, what and when, newest first
create index ix_audit_actor on audit_event (actor, seq);
create index ix_audit_action on audit_event (action, seq);
create index ix_audit_time on audit_event (occurred_at);
