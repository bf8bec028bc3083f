-- Hourly anomalies and webhook redelivery (issue #17, docs/alerts.md).
-- An hourly anomaly's period is its hour (2026-10-14T13:00Z), longer than a day.
alter table alert alter column alert_period set data type varchar(20);

-- When the alert's last delivery round started: a round left 'pending' (its process stopped) is
-- taken up again once it is older than any round can last.
alter table alert add column last_attempt_at timestamp with time zone;

-- Each webhook that settled an alert: 'accepted' (a 2xx; it is never sent that alert again) or
-- 'refused' (a 4xx other than 408/429; not tried again). A webhook without a row has not settled
-- it: a failed alert is tried again there in later cycles, for alerts.delivery.retryFor.
create table alert_delivery (
  alert_key       varchar(768)   not null,
  webhook         varchar(128)   not null,
  outcome         varchar(16)    not null,
  settled_at      timestamp with time zone not null,
  constraint pk_alert_delivery primary key (alert_key, webhook),
  constraint fk_alert_delivery_alert foreign key (alert_key) references alert (alert_key)
);
