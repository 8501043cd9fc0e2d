-- Schema 20: multi-agency measures (PostgreSQL; the same as
-- sql/sqlite/020_contributors.sql).  Each contributor returns its part
-- of the measure as the breakdown named by its agency code; the
-- partnership figure is computed from the parts, never stored.
CREATE TABLE measure_contributor (
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (measure, pos)
);
