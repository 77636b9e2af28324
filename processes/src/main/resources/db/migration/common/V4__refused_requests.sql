-- refused requests (401/403) counted per source and minute: anonymous traffic must not queue on the audit chain
create table refused_request (
    minute_start          timestamp(6) with time zone not null,
    source                varchar(64)  not null,
    status                integer      not null,
    requests              bigint       not null,
    constraint pk_refused_request primary key (minute_start, source, status)
);
