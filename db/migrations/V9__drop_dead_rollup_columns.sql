-- Issue #16: drop the rollup columns nothing a user sees reads. The billed-time and GB-second
-- bounds (and the ephemeral-storage GB-s) are derived from requests and duration_ms_sum where a
-- line is priced (core/costing BillableUsage, core/cost BilledDuration), never from these copies;
-- concurrent_executions_max was never filled in the rollups (metric_sample keeps its column for
-- the day ConcurrentExecutions is collected). One statement per column: H2 and PostgreSQL both
-- accept it.
alter table usage_hour drop column billed_ms_lower;
alter table usage_hour drop column billed_ms_upper;
alter table usage_hour drop column gb_s_lower;
alter table usage_hour drop column gb_s_upper;
alter table usage_hour drop column storage_gb_s_lower;
alter table usage_hour drop column storage_gb_s_upper;
alter table usage_hour drop column concurrent_executions_max;

alter table usage_day drop column billed_ms_lower;
alter table usage_day drop column billed_ms_upper;
alter table usage_day drop column gb_s_lower;
alter table usage_day drop column gb_s_upper;
alter table usage_day drop column storage_gb_s_lower;
alter table usage_day drop column storage_gb_s_upper;
alter table usage_day drop column concurrent_executions_max;

alter table usage_month drop column billed_ms_lower;
alter table usage_month drop column billed_ms_upper;
alter table usage_month drop column gb_s_lower;
alter table usage_month drop column gb_s_upper;
alter table usage_month drop column storage_gb_s_lower;
alter table usage_month drop column storage_gb_s_upper;
alter table usage_month drop column concurrent_executions_max;
