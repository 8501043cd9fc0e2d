-- Schema 10: a password someone else chose (an administrator's, shown
-- once) must be replaced by its user at first sign-in: until then the
-- account opens only the page that changes it.
ALTER TABLE user_secret ADD COLUMN one_time INTEGER NOT NULL DEFAULT 0
	CHECK (one_time IN (0, 1));
