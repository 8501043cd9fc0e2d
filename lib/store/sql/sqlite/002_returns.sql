-- Schema 2: quarterly returns, their impact statements, and due dates.

ALTER TABLE partnership ADD COLUMN return_due_days INTEGER NOT NULL DEFAULT 20
	CHECK (return_due_days BETWEEN 0 AND 120);

CREATE TABLE agency_return (
	id INTEGER PRIMARY KEY,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period TEXT NOT NULL,
	status TEXT NOT NULL,
	due TEXT,
	submitted_by TEXT,
	submitted_at TEXT,
	approved_by TEXT,
	approved_at TEXT,
	reason TEXT,
	UNIQUE (agency, period)
) STRICT;

-- Narratives are versioned like values: a change is a new version.
CREATE TABLE impact_statement (
	id INTEGER PRIMARY KEY,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period TEXT NOT NULL,
	priority TEXT NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	version INTEGER NOT NULL CHECK (version >= 1),
	text TEXT NOT NULL,
	by TEXT,
	at TEXT,
	UNIQUE (agency, period, priority, version)
) STRICT;
