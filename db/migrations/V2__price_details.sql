-- Keep what the AWS price list says of each price dimension, so a stored version can be shown
-- and served back as it was loaded.
alter table price add column location varchar(128);
alter table price add column sku varchar(64);
alter table price add column rate_code varchar(128);
alter table price add column description varchar(512);
