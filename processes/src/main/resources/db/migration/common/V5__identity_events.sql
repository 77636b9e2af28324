-- the identity provider's events already copied into the audit trail, so a re-read copies none twice
create table identity_event (
    id                    varchar(64)  not null primary key,
    occurred_at           timestamp(6) with time zone not null
);
