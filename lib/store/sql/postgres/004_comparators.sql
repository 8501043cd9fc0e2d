-- Schema 4: published figures to compare measures with (DfE), and the
-- partnership's local authority and statistical neighbours
-- (PostgreSQL; the same as sql/sqlite/004_comparators.sql).

ALTER TABLE partnership ADD COLUMN la_code text;

CREATE TABLE neighbour (
	partnership text NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	la text NOT NULL,
	PRIMARY KEY (partnership, pos)
);

-- One published figure: England's, a region's or a local authority's.
-- A suppressed figure keeps its DfE code and has no value.
CREATE TABLE comparator (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	period text NOT NULL,
	area text NOT NULL,
	level text NOT NULL
		CHECK (level IN ('national', 'regional', 'local-authority')),
	name text NOT NULL,
	region text,
	value double precision,
	suppressed text,
	rate double precision,
	source text,
	UNIQUE (measure, period, area)
);
