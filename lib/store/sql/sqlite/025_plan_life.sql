-- Schema 25: plans have a life.  A plan is a draft, current or closed;
-- a priority may have its own dates and status (NULL: its plan's); an
-- action is reviewed monthly or quarterly and may be discharged on a day,
-- after which it is neither open, overdue nor stale.
ALTER TABLE plan ADD COLUMN status TEXT NOT NULL DEFAULT 'current'
	CHECK (status IN ('draft', 'current', 'closed'));
ALTER TABLE priority ADD COLUMN starts TEXT;
ALTER TABLE priority ADD COLUMN ends TEXT;
ALTER TABLE priority ADD COLUMN status TEXT
	CHECK (status IN ('draft', 'current', 'closed'));
ALTER TABLE action ADD COLUMN cadence TEXT NOT NULL DEFAULT 'monthly'
	CHECK (cadence IN ('monthly', 'quarterly'));
ALTER TABLE action ADD COLUMN discharged TEXT;
