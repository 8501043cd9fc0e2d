-- Schema 13: drafts of returns, kept on the server
-- (PostgreSQL; the same as sql/sqlite/013_drafts.sql).

-- What an editor typed into a return's form and saved without sending:
-- every field as typed (a JSON object, name to text), unchecked.  A
-- draft is working state, like a session: it is in no definition
-- export or load and no change-log entry, and submitting the return
-- deletes it.  One per return, whoever saved it last.
CREATE TABLE return_draft (
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period text NOT NULL,
	fields text NOT NULL,
	saved_by text NOT NULL,
	saved_at text NOT NULL,
	UNIQUE (agency, period)
);
