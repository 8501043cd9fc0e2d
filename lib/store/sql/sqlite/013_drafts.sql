-- Schema 13: drafts of returns, kept on the server.

-- What an editor typed into a return's form and saved without sending:
-- every field as typed (a JSON object, name to text), unchecked.  A
-- draft is working state, like a session: it is in no definition
-- export or load and no change-log entry, and submitting the return
-- deletes it.  One per return, whoever saved it last.
CREATE TABLE return_draft (
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period TEXT NOT NULL,
	fields TEXT NOT NULL,
	saved_by TEXT NOT NULL,
	saved_at TEXT NOT NULL,
	UNIQUE (agency, period)
) STRICT;
