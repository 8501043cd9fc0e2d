-- Schema 18: the multi-agency audit programme: audits, the agencies
-- taking part, each agency's grade for each case, the partnership's grade
-- scale, audit themes, and actions made from an audit's recommendations
-- (PostgreSQL; the same as sql/sqlite/018_audits.sql).

-- Themes may now belong to the audit register.
ALTER TABLE theme DROP CONSTRAINT theme_register_check;
ALTER TABLE theme ADD CONSTRAINT theme_register_check
	CHECK (register IN ('review', 'escalation', 'audit'));

-- The grade scale, best first.  None: the model's four-grade default.
CREATE TABLE audit_scale (
	partnership text NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	name text NOT NULL,
	PRIMARY KEY (partnership, pos)
);

-- An audit names agencies and case references, never a child or a
-- person; the model refuses what looks like a name or a date of birth.
CREATE TABLE audit (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	theme text NOT NULL,
	planned text NOT NULL,
	lead text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	sample bigint NOT NULL CHECK (sample BETWEEN 1 AND 100000),
	done text,
	summary text,
	reaudit_of text REFERENCES audit (ref) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE audit_agency (
	audit text NOT NULL REFERENCES audit (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (audit, pos)
);

-- One row per agency's grade of one case.
CREATE TABLE audit_grade (
	audit text NOT NULL REFERENCES audit (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	case_ref text NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	grade text NOT NULL,
	findings text,
	PRIMARY KEY (audit, pos)
);

ALTER TABLE action ADD COLUMN audit text
	REFERENCES audit (ref) DEFERRABLE INITIALLY DEFERRED;
