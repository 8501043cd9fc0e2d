-- Schema 6: personal API tokens
-- (PostgreSQL; the same as sql/sqlite/006_tokens.sql).

-- A token for scripts, sent as "Authorization: Bearer ...".  As for
-- sessions, only its hash is stored; 'name' tells a user's tokens apart.
CREATE TABLE api_token (
	id_hash text PRIMARY KEY,
	email text NOT NULL REFERENCES app_user (email)
		DEFERRABLE INITIALLY DEFERRED,
	name text NOT NULL,
	created bigint NOT NULL,
	UNIQUE (email, name)
);
