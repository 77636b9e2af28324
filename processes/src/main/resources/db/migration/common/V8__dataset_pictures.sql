-- Pictures the workers store beside a dataset (slices, registered overlays, findings' figures), for the case page.
-- A registration's pictures belong to the dataset it placed, with the transform named.
create table dataset_picture (
    id                    varchar(36)  not null primary key,
    case_id               varchar(20)  not null references ixbi_case (id),
    dataset_id            varchar(36)  not null references dataset (id),
    transform_id          varchar(36)  references transform (id),
    name                  varchar(64)  not null,
    caption               varchar(300) not null,
    uri                   varchar(1024) not null,
    sha256                varchar(64)  not null,
    size_bytes            bigint       not null,
    created_at            timestamp(6) with time zone not null,
    constraint uk_dataset_picture_uri unique (uri)
);
create index ix_dataset_picture_case on dataset_picture (case_id);
