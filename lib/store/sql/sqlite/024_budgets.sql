-- Schema 24: the partnership's pooled budget, one per financial year: what
-- each partner contributes and how it is spent by heading.  Its total is
-- the sum of the contributions, computed, never stored.  Numbered 24 to
-- stand apart from 23 (migrations need only rise); it asks nothing of it.

-- A financial year's budget: "2025-26".
CREATE TABLE budget (
	id INTEGER PRIMARY KEY,
	year TEXT NOT NULL UNIQUE,
	note TEXT
) STRICT;

-- One partner's contribution in pounds (pence allowed), once a year.
CREATE TABLE budget_contribution (
	budget TEXT NOT NULL REFERENCES budget (year)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	amount REAL NOT NULL CHECK (amount >= 0),
	note TEXT,
	PRIMARY KEY (budget, pos),
	UNIQUE (budget, agency)
) STRICT;

-- A heading's budget and, once known, what was spent under it.
CREATE TABLE budget_spend (
	budget TEXT NOT NULL REFERENCES budget (year)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	heading TEXT NOT NULL,
	budgeted REAL NOT NULL CHECK (budgeted >= 0),
	actual REAL CHECK (actual >= 0),
	PRIMARY KEY (budget, pos)
) STRICT;
