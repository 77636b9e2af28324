-- The FHIR bridge's own store, in its own schema (and, in production, its own database user): the only place
-- where a research pseudonym meets the patient's identifier.
create table patient_link (
    pseudonym      varchar(40)  not null primary key,
    patient_system varchar(255) not null,
    patient_value  varchar(64)  not null,
    use_case       varchar(64)  not null,
    case_id        varchar(40),
    created_at     timestamp    not null
);
create unique index patient_link_case on patient_link (case_id);

-- Consent events from the hospital, each handled once: a notification and a poll that see the same change, or
-- the same notification twice, withdraw once.
create table inbound_event (
    event_key   varchar(255) not null primary key,
    case_id     varchar(40),
    outcome     varchar(40)  not null,
    received_at timestamp    not null
);

-- How far the poller has read the server's changes.
create table poll_state (
    name      varchar(64) not null primary key,
    watermark timestamp   not null
);
