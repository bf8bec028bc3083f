-- Issue #14: what a run listed against what it requested, the cadence its schedule ran at, and
-- what it could not read (issue #12: a denied or unsupported call degrades a run, never fails it).
alter table collection_run add column series_listed bigint;
alter table collection_run add column series_with_data bigint;
alter table collection_run add column interval_s integer;
alter table collection_run add column unread varchar(4000);
alter table collection_run add column budget_usd numeric(20, 6);

-- What the collector does not (yet) know about a function: its provisioned concurrency or tags
-- while per-function enrichment is pending, or for good when the call is denied or unsupported.
-- A row exists only while the aspect is unknown; costing and the API warn on the lines it affects.
create table function_unknown (
  account_id    varchar(12)  not null,
  region        varchar(32)  not null,
  function_name varchar(170) not null,
  aspect        varchar(32)  not null,
  reason        varchar(16)  not null,
  detail        varchar(1000),
  since         timestamp with time zone not null,
  constraint pk_function_unknown primary key (account_id, region, function_name, aspect),
  constraint ck_function_unknown_aspect
    check (aspect in ('PROVISIONED_CONCURRENCY', 'TAGS')),
  constraint ck_function_unknown_reason
    check (reason in ('PENDING', 'DENIED', 'UNSUPPORTED', 'FAILED'))
);
