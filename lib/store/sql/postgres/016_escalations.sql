-- Schema 16: the escalations register, the partnership's escalation
-- protocol and its themes (PostgreSQL; the same as
-- sql/sqlite/016_escalations.sql).

-- The partnership's own themes for a register: once a register has any,
-- its records use only those.
CREATE TABLE theme (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	name text NOT NULL,
	register text NOT NULL CHECK (register IN ('review', 'escalation'))
);

-- The escalation protocol's stages, first to last, each with its
-- timescale in working days.  None: the model's four-stage default.
CREATE TABLE escalation_stage (
	partnership text NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	name text NOT NULL,
	days bigint NOT NULL CHECK (days BETWEEN 1 AND 250),
	PRIMARY KEY (partnership, pos)
);

-- An escalation names agencies and a role, never a child or a person;
-- the model refuses what looks like a name or a date of birth.
CREATE TABLE escalation (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	raised text NOT NULL,
	raised_by text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	raised_role text NOT NULL,
	about text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	theme text NOT NULL,
	summary text,
	outcome text CHECK (outcome IN ('agreed', 'upheld', 'not-upheld',
					'withdrawn')),
	resolved text,
	resolution text
);

-- One row per stage reached, stage 1 on the day it was raised.
CREATE TABLE escalation_step (
	escalation text NOT NULL REFERENCES escalation (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	stage bigint NOT NULL CHECK (stage BETWEEN 1 AND 20),
	date text NOT NULL,
	note text,
	PRIMARY KEY (escalation, pos)
);
