-- Schema 22: the independent scrutineer's annual plan, each item's report
-- and its findings, each made a challenge or an action (PostgreSQL; the
-- same as sql/sqlite/022_scrutiny.sql).

-- An item of the plan: a theme looked at by a method, planned on a day or
-- in a quarter ('2026Q3') of its financial year ('2026-27').
CREATE TABLE scrutiny (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	year text NOT NULL,
	theme text NOT NULL,
	method text NOT NULL CHECK (method IN ('observation', 'case-audit',
		'interview', 'survey', 'data-review', 'meeting-attendance',
		'other')),
	planned text NOT NULL,
	status text NOT NULL CHECK (status IN ('planned', 'in-progress',
		'reported', 'dropped')),
	reported text,
	summary text
);

-- A finding of its report and the challenge or action it became.
CREATE TABLE scrutiny_finding (
	scrutiny text NOT NULL REFERENCES scrutiny (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	text text NOT NULL,
	becomes text NOT NULL CHECK (becomes IN ('challenge', 'action')),
	challenge text REFERENCES challenge (code) DEFERRABLE INITIALLY DEFERRED,
	action text REFERENCES action (code) DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (scrutiny, pos)
);
