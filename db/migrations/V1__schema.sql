create table account (
  account_id varchar(12) not null primary key,
  name varchar(256)
);
