-- CloudWatch Logs Insights aggregates of the Lambda REPORT lines, one row per function and UTC
-- day (never the raw lines), read by the savings recommendations (docs/recommendations.md).
-- Rewritten whole when a day is scanned again.
create table report_log_day (
  account_id             varchar(32)    not null,
  region                 varchar(32)    not null,
  function_name          varchar(170)   not null,
  usage_date             date           not null,
  reports                bigint         not null,
  memory_size_mb         integer        not null,
  max_memory_used_mb     integer        not null,
  billed_duration_ms_sum numeric(24, 3) not null,
  cold_starts            bigint         not null,
  init_duration_ms_sum   numeric(24, 3) not null,
  timeouts               bigint         not null,
  scanned_at             timestamp with time zone not null,
  constraint pk_report_log_day primary key (account_id, region, function_name, usage_date)
);

-- Each Logs Insights query and the bytes it scanned ($0.005 per GB): what the scan budget meters.
create table logs_insights_query (
  query_id       varchar(64)    not null,
  account_id     varchar(32)    not null,
  region         varchar(32)    not null,
  function_name  varchar(170)   not null,
  window_start   timestamp with time zone not null,
  window_end     timestamp with time zone not null,
  started_at     timestamp with time zone not null,
  bytes_scanned  bigint         not null,
  constraint pk_logs_insights_query primary key (query_id)
);

create index ix_logs_insights_query_started on logs_insights_query (started_at);
