-- Schema 21: the register of voice reports, what children, young people
-- and families said and what changed as a result, and a theme register
-- of their own.

-- The theme table again, its register allowing 'voice' beside those of
-- schema 18 (SQLite cannot change a CHECK in place); nothing refers to it.
CREATE TABLE theme_new (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	register TEXT NOT NULL CHECK (register IN ('review', 'escalation',
						   'audit', 'voice'))
) STRICT;
INSERT INTO theme_new (id, code, name, register)
	SELECT id, code, name, register FROM theme;
DROP TABLE theme;
ALTER TABLE theme_new RENAME TO theme;

-- Who ran it is an agency or a body, never a person; those who took part
-- are a number.
CREATE TABLE voice (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	source TEXT NOT NULL,
	date TEXT NOT NULL,
	method TEXT NOT NULL CHECK (method IN ('survey', 'focus-group',
		'interview', 'consultation', 'feedback', 'advocacy',
		'other')),
	participants INTEGER NOT NULL CHECK (participants >= 0),
	summary TEXT NOT NULL,
	changed TEXT,
	measure TEXT REFERENCES measure (code) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE voice_theme (
	voice TEXT NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	theme TEXT NOT NULL,
	PRIMARY KEY (voice, pos)
) STRICT;

CREATE TABLE voice_priority (
	voice TEXT NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	priority TEXT NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (voice, pos)
) STRICT;

CREATE TABLE voice_action (
	voice TEXT NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	action TEXT NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (voice, pos)
) STRICT;
