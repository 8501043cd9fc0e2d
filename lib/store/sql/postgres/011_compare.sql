-- Schema 11: how a measure's figures meet published yearly comparators
-- (same-period, snapshot, four-quarters), and the name of the
-- partnership's set of statistical neighbours.
ALTER TABLE measure ADD COLUMN compare TEXT NOT NULL DEFAULT 'same-period'
	CHECK (compare IN ('same-period', 'snapshot', 'four-quarters'));
ALTER TABLE partnership ADD COLUMN neighbour_set TEXT;
