-- Schema 18: the multi-agency audit programme: audits, the agencies
-- taking part, each agency's grade for each case, the partnership's grade
-- scale, audit themes, and actions made from an audit's recommendations.

-- Themes may now belong to the audit register: SQLite cannot change a
-- CHECK, so the table is rebuilt (nothing refers to it).
CREATE TABLE theme_new (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	register TEXT NOT NULL CHECK (register IN ('review', 'escalation',
						   'audit'))
) STRICT;
INSERT INTO theme_new (id, code, name, register)
	SELECT id, code, name, register FROM theme;
DROP TABLE theme;
ALTER TABLE theme_new RENAME TO theme;

-- The grade scale, best first.  None: the model's four-grade default.
CREATE TABLE audit_scale (
	partnership TEXT NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (partnership, pos)
) STRICT;

-- An audit names agencies and case references, never a child or a
-- person; the model refuses what looks like a name or a date of birth.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	theme TEXT NOT NULL,
	planned TEXT NOT NULL,
	lead TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	sample INTEGER NOT NULL CHECK (sample BETWEEN 1 AND 100000),
	done TEXT,
	summary TEXT,
	reaudit_of TEXT REFERENCES audit (ref) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE audit_agency (
	audit TEXT NOT NULL REFERENCES audit (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (audit, pos)
) STRICT;

-- One row per agency's grade of one case.
CREATE TABLE audit_grade (
	audit TEXT NOT NULL REFERENCES audit (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	case_ref TEXT NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	grade TEXT NOT NULL,
	findings TEXT,
	PRIMARY KEY (audit, pos)
) STRICT;

ALTER TABLE action ADD COLUMN audit TEXT
	REFERENCES audit (ref) DEFERRABLE INITIALLY DEFERRED;
