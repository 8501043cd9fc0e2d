-- Schema 16: the escalations register, the partnership's escalation
-- protocol and its themes.

-- The partnership's own themes for a register: once a register has any,
-- its records use only those.
CREATE TABLE theme (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	register TEXT NOT NULL CHECK (register IN ('review', 'escalation'))
) STRICT;

-- The escalation protocol's stages, first to last, each with its
-- timescale in working days.  None: the model's four-stage default.
CREATE TABLE escalation_stage (
	partnership TEXT NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	name TEXT NOT NULL,
	days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 250),
	PRIMARY KEY (partnership, pos)
) STRICT;

-- An escalation names agencies and a role, never a child or a person;
-- the model refuses what looks like a name or a date of birth.
CREATE TABLE escalation (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	raised TEXT NOT NULL,
	raised_by TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	raised_role TEXT NOT NULL,
	about TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	theme TEXT NOT NULL,
	summary TEXT,
	outcome TEXT CHECK (outcome IN ('agreed', 'upheld', 'not-upheld',
					'withdrawn')),
	resolved TEXT,
	resolution TEXT
) STRICT;

-- One row per stage reached, stage 1 on the day it was raised.
CREATE TABLE escalation_step (
	escalation TEXT NOT NULL REFERENCES escalation (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 20),
	date TEXT NOT NULL,
	note TEXT,
	PRIMARY KEY (escalation, pos)
) STRICT;
