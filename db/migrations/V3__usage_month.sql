-- Usage rollup per function, UTC month and billing configuration, re-summed from the day rollup
-- like days from hours: a month (or a month to date) of 10,000 functions reads 10,000 rows
-- instead of grouping 310,000 day rows (0.6-0.8 s in PostgreSQL).
create table usage_month (
  function_id               bigint         not null,
  month_start               timestamp with time zone not null,
  memory_mb                 integer        not null,
  architecture              varchar(8)     not null,
  ephemeral_mb              integer        not null,
  requests                  bigint         not null,
  duration_ms_sum           numeric(30, 6) not null,
  billed_ms_lower           bigint         not null,
  billed_ms_upper           bigint         not null,
  gb_s_lower                numeric(38, 13) not null,
  gb_s_upper                numeric(38, 13) not null,
  storage_gb_s_lower        numeric(38, 13) not null,
  storage_gb_s_upper        numeric(38, 13) not null,
  pc_allocated_s            numeric(30, 3) not null,
  pc_gb_s                   numeric(38, 13) not null,
  pc_requests               bigint         not null,
  pc_spillover_requests     bigint         not null,
  pc_duration_ms_est        numeric(30, 6) not null,
  errors                    bigint         not null,
  throttles                 bigint         not null,
  dead_letter_errors        bigint         not null,
  iterator_age_max_ms       numeric(20, 3),
  concurrent_executions_max integer,
  computed_at               timestamp with time zone not null,
  constraint pk_usage_month
    primary key (function_id, month_start, memory_mb, architecture, ephemeral_mb),
  constraint fk_usage_month_function foreign key (function_id) references lambda_function (id)
);
create index ix_usage_month_month_start on usage_month (month_start, function_id);

-- Fill it from the days already rolled up. Month start = the day minus (day of month - 1) × 24 h,
-- in UTC. (Hidden from jOOQ's code generator, which only needs the table.)
/* [jooq ignore start] */
insert into usage_month (
  function_id, month_start, memory_mb, architecture, ephemeral_mb,
  requests, duration_ms_sum, billed_ms_lower, billed_ms_upper, gb_s_lower, gb_s_upper,
  storage_gb_s_lower, storage_gb_s_upper, pc_allocated_s, pc_gb_s, pc_requests,
  pc_spillover_requests, pc_duration_ms_est, errors, throttles, dead_letter_errors,
  iterator_age_max_ms, concurrent_executions_max, computed_at)
select
  function_id, month_start, memory_mb, architecture, ephemeral_mb,
  sum(requests), sum(duration_ms_sum), sum(billed_ms_lower), sum(billed_ms_upper),
  sum(gb_s_lower), sum(gb_s_upper), sum(storage_gb_s_lower), sum(storage_gb_s_upper),
  sum(pc_allocated_s), sum(pc_gb_s), sum(pc_requests), sum(pc_spillover_requests),
  sum(pc_duration_ms_est), sum(errors), sum(throttles), sum(dead_letter_errors),
  max(iterator_age_max_ms), max(concurrent_executions_max), max(computed_at)
from (
  select d.*,
         d.day_start - (extract(day from d.day_start at time zone 'UTC') - 1) * interval '24' hour
           as month_start
  from usage_day d
) days
group by function_id, month_start, memory_mb, architecture, ephemeral_mb;
/* [jooq ignore stop] */
