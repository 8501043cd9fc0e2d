-- Schema 20: multi-agency measures.  Each contributor returns its part
-- of the measure as the breakdown named by its agency code; the
-- partnership figure is computed from the parts, never stored.
CREATE TABLE measure_contributor (
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (measure, pos)
) STRICT;
