-- Schema 27: the annual report's sections in the business manager's words,
-- each save a new version, never overwritten (PostgreSQL).  Numbered 27 to
-- stand apart from 23 to 26 (migrations need only rise); it asks nothing
-- of them.

CREATE TABLE narrative (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year text NOT NULL,
	section text NOT NULL CHECK (section IN ('foreword', 'summary',
		'arrangements', 'plans', 'impact', 'reviews', 'audits',
		'escalations', 'scrutiny', 'training', 'funding', 'next-year')),
	version bigint NOT NULL CHECK (version >= 1),
	text text NOT NULL,
	by text,
	at text,
	UNIQUE (year, section, version)
);
