-- Schema 5: signing in: password hashes, sessions, failed sign-ins.

-- Kept apart from app_user so that a definition file or its export never
-- carries a password hash.  argon2id, in libsodium's encoded form.
CREATE TABLE user_secret (
	email TEXT PRIMARY KEY REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	password_hash TEXT NOT NULL,
	updated TEXT NOT NULL
) STRICT;

-- A signed-in browser.  Only a hash of the cookie's value is stored, so a
-- copy of the database signs nobody in.  Times are seconds since 1970.
CREATE TABLE session (
	id_hash TEXT PRIMARY KEY,
	email TEXT NOT NULL REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	csrf TEXT NOT NULL,
	created INTEGER NOT NULL,
	seen INTEGER NOT NULL
) STRICT;

-- Failed sign-ins, per account and per address, for throttling.
CREATE TABLE signin_failure (
	id INTEGER PRIMARY KEY,
	what TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX signin_failure_what ON signin_failure (what, at);
