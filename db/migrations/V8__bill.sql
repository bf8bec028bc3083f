-- The real bill: line items imported from AWS Data Exports (CUR 2.0 and FOCUS 1.2), see
-- docs/billing-data.md. One row per export and billing period records the export version
-- imported; its lines are replaced whole, in one transaction, when a newer (restated) version
-- is imported, so a period never shows a mix of two versions.
create table bill_import (
  export_uri      varchar(1024)  not null,
  billing_period  varchar(7)     not null,
  export_table    varchar(16)    not null,
  version         varchar(256)   not null,
  line_items      bigint         not null,
  billed_total    numeric(24, 10) not null,
  imported_at     timestamp with time zone not null,
  constraint pk_bill_import primary key (export_uri, billing_period)
);

-- Billed line items per function, day and charge kind, as the export gives them (hourly lines
-- are summed per file into their day). function_arn is null for lines without a Lambda function
-- resource id (Savings Plan fees, credits, tax, ...): kept as unallocated, never dropped.
create table bill_line (
  export_uri      varchar(1024)  not null,
  billing_period  varchar(7)     not null,
  file_no         integer        not null,
  line_no         bigint         not null,
  payer_account   varchar(32)    not null,
  usage_account   varchar(32)    not null,
  region          varchar(32)    not null,
  function_arn    varchar(512),
  usage_date      date           not null,
  charge_kind     varchar(32)    not null,
  line_type       varchar(32)    not null,
  usage_type      varchar(128)   not null,
  usage_amount    numeric(30, 10) not null,
  list_cost       numeric(24, 10) not null,
  billed_cost     numeric(24, 10) not null,
  net_cost        numeric(24, 10) not null,
  invoice_id      varchar(64),
  constraint pk_bill_line primary key (export_uri, billing_period, file_no, line_no)
);

create index ix_bill_line_period_function on bill_line (billing_period, function_arn, usage_date);
