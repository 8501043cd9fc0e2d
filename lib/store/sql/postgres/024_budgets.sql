-- Schema 24: the partnership's pooled budget, one per financial year: what
-- each partner contributes and how it is spent by heading (PostgreSQL; the
-- same as sql/sqlite/024_budgets.sql).

-- A financial year's budget: '2025-26'.
CREATE TABLE budget (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year text NOT NULL UNIQUE,
	note text
);

-- One partner's contribution in pounds (pence allowed), once a year.
CREATE TABLE budget_contribution (
	budget text NOT NULL REFERENCES budget (year)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	amount double precision NOT NULL CHECK (amount >= 0),
	note text,
	PRIMARY KEY (budget, pos),
	UNIQUE (budget, agency) DEFERRABLE INITIALLY DEFERRED
);

-- A heading's budget and, once known, what was spent under it.
CREATE TABLE budget_spend (
	budget text NOT NULL REFERENCES budget (year)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	heading text NOT NULL,
	budgeted double precision NOT NULL CHECK (budgeted >= 0),
	actual double precision CHECK (actual >= 0),
	PRIMARY KEY (budget, pos)
);
