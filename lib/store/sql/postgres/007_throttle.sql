-- Schema 7: sign-in throttling by delay, not by lock.  One row per key
-- (an account and address together, an account, an address): how many
-- failures in a row, and when the next attempt may be tried.  A row with
-- no attempt for an hour is pruned.  Times are seconds since 1970.
DROP TABLE signin_failure;
CREATE TABLE signin_throttle (
	key text PRIMARY KEY,
	failures bigint NOT NULL,
	next_at bigint NOT NULL,
	last_at bigint NOT NULL
);
CREATE INDEX signin_throttle_last ON signin_throttle (last_at);
