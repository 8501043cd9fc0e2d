-- Schema 21: the register of voice reports, what children, young people
-- and families said and what changed as a result, and a theme register
-- of their own (PostgreSQL; the same as sql/sqlite/021_voice.sql).  It
-- asks nothing of schemas 18 to 20.

ALTER TABLE theme DROP CONSTRAINT theme_register_check;
ALTER TABLE theme ADD CONSTRAINT theme_register_check
	CHECK (register IN ('review', 'escalation', 'audit', 'voice'));

-- Who ran it is an agency or a body, never a person; those who took part
-- are a number.
CREATE TABLE voice (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	title text NOT NULL,
	source text NOT NULL,
	date text NOT NULL,
	method text NOT NULL CHECK (method IN ('survey', 'focus-group',
		'interview', 'consultation', 'feedback', 'advocacy',
		'other')),
	participants bigint NOT NULL CHECK (participants >= 0),
	summary text NOT NULL,
	changed text,
	measure text REFERENCES measure (code) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE voice_theme (
	voice text NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	theme text NOT NULL,
	PRIMARY KEY (voice, pos)
);

CREATE TABLE voice_priority (
	voice text NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	priority text NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (voice, pos)
);

CREATE TABLE voice_action (
	voice text NOT NULL REFERENCES voice (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	action text NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (voice, pos)
);
