-- Schema 12: a return of past figures loaded as history (never late,
-- never missing).
ALTER TABLE agency_return ADD COLUMN history smallint NOT NULL DEFAULT 0
	CHECK (history IN (0, 1));
