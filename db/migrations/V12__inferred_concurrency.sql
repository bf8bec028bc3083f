-- How a provisioned concurrency period was inferred from CloudWatch's per-alias metrics where
-- CloudTrail could not tell (older than its 90 days, or denied); null for every other period:
--   UTILIZATION  executions / utilization (Maximum per hour): the amount itself;
--   EXECUTIONS   PC invocations and peak executions only: a lower bound of the amount;
--   UNSERVED     invoked, none of it on provisioned concurrency: none allocated (INFERRED, 0);
--   NO_EVIDENCE  not invoked at all: nothing known (UNKNOWN, 0).
alter table provisioned_concurrency add column inferred_bound varchar(16);
alter table provisioned_concurrency add constraint ck_provisioned_concurrency_inferred_bound
  check (inferred_bound is null
    or inferred_bound in ('UTILIZATION', 'EXECUTIONS', 'UNSERVED', 'NO_EVIDENCE'));
