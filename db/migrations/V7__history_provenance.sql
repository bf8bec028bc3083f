-- Where each configuration and provisioned concurrency period comes from:
--   OBSERVED    listed by the collector (ListFunctions, ListProvisionedConcurrencyConfigs);
--   CLOUDTRAIL  rebuilt from Lambda's management events (CloudTrail LookupEvents, 90 days back);
--   INFERRED    deduced from weaker evidence (CloudWatch provisioned concurrency metrics, or a
--               delete event whose put is older than CloudTrail reaches);
--   UNKNOWN     no evidence: the configuration is assumed, provisioned concurrency is not known.
-- Existing rows were all observed.
alter table function_config add column provenance varchar(16) default 'OBSERVED' not null;
alter table function_config add constraint ck_function_config_provenance
  check (provenance in ('OBSERVED', 'CLOUDTRAIL', 'INFERRED', 'UNKNOWN'));
alter table provisioned_concurrency add column provenance varchar(16) default 'OBSERVED' not null;
alter table provisioned_concurrency add constraint ck_provisioned_concurrency_provenance
  check (provenance in ('OBSERVED', 'CLOUDTRAIL', 'INFERRED', 'UNKNOWN'));

-- How far each history source has been read per shard, so that it is read incrementally and never
-- twice for the same hours: [read_from, read_to). denied: the last attempt was refused (no IAM
-- permission); read_from/read_to then keep what was read before.
create table history_cursor (
  account_id  varchar(12) not null,
  region      varchar(32) not null,
  source      varchar(16) not null,
  read_from   timestamp with time zone not null,
  read_to     timestamp with time zone not null,
  denied      boolean     not null,
  updated_at  timestamp with time zone not null,
  constraint pk_history_cursor primary key (account_id, region, source)
);
