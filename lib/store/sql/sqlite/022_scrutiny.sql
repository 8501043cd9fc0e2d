-- Schema 22: the independent scrutineer's annual plan, each item's report
-- and its findings, each made a challenge or an action.  Numbered 22 to
-- stand apart from 18 to 20 (migrations need only rise); it asks nothing of
-- them, nor of 21.

-- An item of the plan: a theme looked at by a method, planned on a day or
-- in a quarter ('2026Q3') of its financial year ('2026-27').
CREATE TABLE scrutiny (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	year TEXT NOT NULL,
	theme TEXT NOT NULL,
	method TEXT NOT NULL CHECK (method IN ('observation', 'case-audit',
		'interview', 'survey', 'data-review', 'meeting-attendance',
		'other')),
	planned TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress',
		'reported', 'dropped')),
	reported TEXT,
	summary TEXT
) STRICT;

-- A finding of its report and the challenge or action it became.
CREATE TABLE scrutiny_finding (
	scrutiny TEXT NOT NULL REFERENCES scrutiny (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	text TEXT NOT NULL,
	becomes TEXT NOT NULL CHECK (becomes IN ('challenge', 'action')),
	challenge TEXT REFERENCES challenge (code) DEFERRABLE INITIALLY DEFERRED,
	action TEXT REFERENCES action (code) DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (scrutiny, pos)
) STRICT;
