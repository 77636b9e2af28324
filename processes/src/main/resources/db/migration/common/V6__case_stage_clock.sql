-- The board's SLA clock: when a case entered the stage it is in. Cases from before take their last change.
alter table ixbi_case add column stage_entered_at timestamp(6) with time zone;
update ixbi_case set stage_entered_at = updated_at;
alter table ixbi_case alter column stage_entered_at set not null;
-- the board and the statistics read cases by status and stage, never one by one
create index ix_case_status_stage on ixbi_case (status, stage);
