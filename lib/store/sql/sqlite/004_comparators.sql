-- Schema 4: published figures to compare measures with (DfE), and the
-- partnership's local authority and statistical neighbours.

ALTER TABLE partnership ADD COLUMN la_code TEXT;

CREATE TABLE neighbour (
	partnership TEXT NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	la TEXT NOT NULL,
	PRIMARY KEY (partnership, pos)
) STRICT;

-- One published figure: England's, a region's or a local authority's.
-- A suppressed figure keeps its DfE code and has no value.
CREATE TABLE comparator (
	id INTEGER PRIMARY KEY,
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	period TEXT NOT NULL,
	area TEXT NOT NULL,
	level TEXT NOT NULL
		CHECK (level IN ('national', 'regional', 'local-authority')),
	name TEXT NOT NULL,
	region TEXT,
	value REAL,
	suppressed TEXT,
	rate REAL,
	source TEXT,
	UNIQUE (measure, period, area)
) STRICT;
