-- Token management (issue #15): a token may expire, is revoked rather than deleted (so that
-- `tokens list` still shows it and its name is not reused), and records when it was last used.
alter table api_token add column expires_at timestamp with time zone;
alter table api_token add column revoked_at timestamp with time zone;
alter table api_token add column last_used_at timestamp with time zone;
