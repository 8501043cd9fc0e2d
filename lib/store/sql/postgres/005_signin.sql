-- Schema 5: signing in: password hashes, sessions, failed sign-ins
-- (PostgreSQL; the same as sql/sqlite/005_signin.sql).

-- Kept apart from app_user so that a definition file or its export never
-- carries a password hash.  argon2id, in libsodium's encoded form.
CREATE TABLE user_secret (
	email text PRIMARY KEY REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	password_hash text NOT NULL,
	updated text NOT NULL
);

-- A signed-in browser.  Only a hash of the cookie's value is stored, so a
-- copy of the database signs nobody in.  Times are seconds since 1970.
CREATE TABLE session (
	id_hash text PRIMARY KEY,
	email text NOT NULL REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	csrf text NOT NULL,
	created bigint NOT NULL,
	seen bigint NOT NULL
);

-- Failed sign-ins, per account and per address, for throttling.
CREATE TABLE signin_failure (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	what text NOT NULL,
	at bigint NOT NULL
);
CREATE INDEX signin_failure_what ON signin_failure (what, at);
