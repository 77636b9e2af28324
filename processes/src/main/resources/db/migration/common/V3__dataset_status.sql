-- A dataset stays on record when the process moves past it: a refused upload, or a scan and volume replaced by a
-- rescan. Only CURRENT datasets go into the data product.
alter table dataset add column status varchar(16) default 'CURRENT' not null;
