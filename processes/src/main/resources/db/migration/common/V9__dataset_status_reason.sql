-- Why a dataset has its status, in words: the check that refused an upload says what it found, so the operator
-- and the coordinator read it on the case, not in an engine variable. Raw uploads wait in VERIFYING until their
-- worker has read them.
alter table dataset add column status_reason varchar(2000);
