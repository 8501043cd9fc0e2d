-- Schema 25: plans have a life (PostgreSQL; the same as
-- sql/sqlite/025_plan_life.sql).  A plan is a draft, current or closed;
-- a priority may have its own dates and status (NULL: its plan's); an
-- action is reviewed monthly or quarterly and may be discharged on a day,
-- after which it is neither open, overdue nor stale.
ALTER TABLE plan ADD COLUMN status text NOT NULL DEFAULT 'current'
	CHECK (status IN ('draft', 'current', 'closed'));
ALTER TABLE priority ADD COLUMN starts text;
ALTER TABLE priority ADD COLUMN ends text;
ALTER TABLE priority ADD COLUMN status text
	CHECK (status IN ('draft', 'current', 'closed'));
ALTER TABLE action ADD COLUMN cadence text NOT NULL DEFAULT 'monthly'
	CHECK (cadence IN ('monthly', 'quarterly'));
ALTER TABLE action ADD COLUMN discharged text;
