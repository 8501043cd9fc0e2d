-- Schema 9: a personal token reads only unless made to write, expires
-- (tokens made before: 90 days after they were made), and keeps when it
-- was last used (0: never).  Times are seconds since 1970.
ALTER TABLE api_token ADD COLUMN scope TEXT NOT NULL DEFAULT 'read'
	CHECK (scope IN ('read', 'write'));
ALTER TABLE api_token ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_token ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0;
UPDATE api_token SET expires = created + 90 * 86400;
