-- Schema 2: quarterly returns, their impact statements, and due dates
-- (PostgreSQL; the same as sql/sqlite/002_returns.sql).

ALTER TABLE partnership ADD COLUMN return_due_days bigint NOT NULL DEFAULT 20
	CHECK (return_due_days BETWEEN 0 AND 120);

CREATE TABLE agency_return (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period text NOT NULL,
	status text NOT NULL,
	due text,
	submitted_by text,
	submitted_at text,
	approved_by text,
	approved_at text,
	reason text,
	UNIQUE (agency, period)
);

-- Narratives are versioned like values: a change is a new version.
CREATE TABLE impact_statement (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	period text NOT NULL,
	priority text NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	version bigint NOT NULL CHECK (version >= 1),
	text text NOT NULL,
	by text,
	at text,
	UNIQUE (agency, period, priority, version)
);
