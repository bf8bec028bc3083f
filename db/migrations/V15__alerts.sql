-- Budgets and alerts (issue #17, docs/alerts.md). Budgets set over the API live here; those of
-- the configuration file are not stored. An alert is stored once per key (budget and month, or
-- function, day and kind): inserting it again does nothing, which is how alerts are de-duplicated,
-- across cycles and across replicas sharing one database.
create table budget (
  name            varchar(64)    not null,
  account_id      varchar(32),
  function_name   varchar(512),
  tag             varchar(512),
  amount          numeric(24, 10) not null,
  currency        varchar(3)     not null,
  updated_at      timestamp with time zone not null,
  constraint pk_budget primary key (name)
);

create table alert (
  alert_key       varchar(768)   not null,
  kind            varchar(16)    not null,
  account_id      varchar(32),
  subject         varchar(640)   not null,
  alert_period    varchar(10)    not null,
  message         varchar(2000)  not null,
  observed        numeric(24, 10) not null,
  expected        numeric(24, 10) not null,
  raised_at       timestamp with time zone not null,
  delivery        varchar(16)    not null,
  attempts        integer        not null,
  delivered_at    timestamp with time zone,
  constraint pk_alert primary key (alert_key)
);

create index ix_alert_raised_at on alert (raised_at);
