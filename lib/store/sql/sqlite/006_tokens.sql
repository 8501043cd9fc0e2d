-- Schema 6: personal API tokens.

-- A token for scripts, sent as "Authorization: Bearer ...".  As for
-- sessions, only its hash is stored; 'name' tells a user's tokens apart.
CREATE TABLE api_token (
	id_hash TEXT PRIMARY KEY,
	email TEXT NOT NULL REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	name TEXT NOT NULL,
	created INTEGER NOT NULL,
	UNIQUE (email, name)
) STRICT;
